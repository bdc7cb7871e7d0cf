import { freePort, startServiceProcess, waitForStatus } from '@digicraft/testkit';

// Every backend service is a real process: it starts against the real Kafka, store and Redis,
// reports ready on /readyz, and stops cleanly on SIGTERM within its shutdown budget.
const SERVICES = ['registration', 'judging', 'talent-pool', 'matching'];

function infraEnv(): Record<string, string> {
  return {
    KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '',
    MONGO_URL: process.env.MONGO_URL ?? '',
    REDIS_URL: process.env.REDIS_URL ?? '',
    LOG_LEVEL: 'warn',
  };
}

describe.each(SERVICES)('the %s process', (name) => {
  it('starts, answers /livez and /readyz, serves gRPC health, and exits 0 on SIGTERM', async () => {
    const adminPort = await freePort();
    const grpcPort = await freePort();
    const proc = startServiceProcess(name, {
      ...infraEnv(),
      SERVICE_NAME: name,
      ADMIN_PORT: String(adminPort),
      GRPC_PORT: String(grpcPort),
      SHUTDOWN_TIMEOUT_MS: '5000',
    });
    try {
      await waitForStatus(`http://127.0.0.1:${adminPort}/readyz`, 200, 45_000);
      const live = await fetch(`http://127.0.0.1:${adminPort}/livez`);
      expect(live.status).toBe(200);
      const metrics = await (await fetch(`http://127.0.0.1:${adminPort}/metrics`)).text();
      expect(metrics).toContain('process_cpu_seconds_total');
      const { checkHealth } = await import('@digicraft/grpc');
      await expect(checkHealth(`127.0.0.1:${grpcPort}`)).resolves.toBe('SERVING');
    } finally {
      const t0 = Date.now();
      proc.child.kill('SIGTERM');
      const { code } = await proc.exited;
      expect({ code, output: code === 0 ? '' : proc.output() }).toEqual({ code: 0, output: '' });
      expect(Date.now() - t0).toBeLessThan(8_000);
    }
  }, 60_000);
});

describe('a bad configuration value', () => {
  it('stops the service at start with a message naming the variable', async () => {
    const proc = startServiceProcess('registration', {
      ...infraEnv(),
      SERVICE_NAME: 'registration',
      ADMIN_PORT: String(await freePort()),
      GRPC_PORT: 'fifty',
      MONGO_URL: 'postgres://127.0.0.1/nope',
    });
    const { code } = await proc.exited;
    expect(code).toBe(78);
    expect(proc.output()).toContain('GRPC_PORT: expected an integer between 1 and 65535');
    expect(proc.output()).toContain('MONGO_URL: expected a URL starting with mongodb://');
  }, 20_000);
});
