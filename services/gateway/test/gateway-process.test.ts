import { freePort, startServiceProcess, stopServiceProcess, waitForStatus } from '@digicraft/testkit';

// The built gateway (dist/main.js, run `pnpm build` first) is wiring only: the shared store,
// Redis and messaging parts plus its HTTP server. As a real process it gets ready with every
// dependency checked, serves the public API, and stops cleanly on SIGTERM.
describe('the gateway process', () => {
  it('reports every dependency on /readyz, serves HTTP, and exits 0 on SIGTERM', async () => {
    const adminPort = await freePort();
    const httpPort = await freePort();
    const proc = startServiceProcess('gateway', {
      KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '',
      MONGO_URL: process.env.MONGO_URL ?? '',
      REDIS_URL: process.env.REDIS_URL ?? '',
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
      LOG_LEVEL: 'warn',
      SERVICE_NAME: `gateway-proc-${Date.now().toString(36)}`,
      MONGO_DB: `gw_process_${Date.now().toString(36)}`,
      ADMIN_PORT: String(adminPort),
      HTTP_PORT: String(httpPort),
      SHUTDOWN_TIMEOUT_MS: '5000',
    });
    try {
      await waitForStatus(`http://127.0.0.1:${adminPort}/readyz`, 200, 45_000);
      const readiness = (await (await fetch(`http://127.0.0.1:${adminPort}/readyz`)).json()) as { checks: Record<string, { ok: boolean }> };
      expect(Object.keys(readiness.checks).sort()).toEqual(['consumers', 'kafka', 'redis', 'store']);
      const openapi = await fetch(`http://127.0.0.1:${httpPort}/v1/openapi.json`);
      expect(openapi.status).toBe(200);
      expect(openapi.headers.get('x-request-id')).toBeTruthy();
    } finally {
      const stopped = await stopServiceProcess(proc);
      expect({ code: stopped.code, output: stopped.output }).toEqual({ code: 0, output: '' });
      expect(stopped.ms).toBeLessThan(8_000);
    }
  }, 60_000);
});
