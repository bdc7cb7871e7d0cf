import { spawn, type ChildProcess } from 'node:child_process';
import { createLogger } from '@digicraft/logging';
import { freePort } from '@digicraft/testkit';
import { closeRedis, createRedis, pingRedis } from '../src';

// The shared dev Redis must not be stopped, so this test runs its own short-lived redis-server.

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'pipe' });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => d.toString().includes('Ready to accept connections') && resolve());
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${String(code)}`)));
  });
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGKILL');
  });
}

describe('a Redis outage after start', () => {
  it('makes commands fail at once, and the client recovers when Redis is back', async () => {
    const port = await freePort();
    let server = await startRedis(port);
    const logger = createLogger({ service: 'redis-outage-test', level: 'silent' });
    const redis = createRedis({ url: `redis://127.0.0.1:${port}`, logger });
    try {
      await pingRedis(redis);
      await redis.set('k', 'v');

      await stop(server);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const started = Date.now();
      await expect(redis.get('k')).rejects.toThrow();
      await expect(pingRedis(redis)).rejects.toMatchObject({ code: 'DC_ERR_UNAVAILABLE' });
      expect(Date.now() - started).toBeLessThan(200);

      server = await startRedis(port);
      const deadline = Date.now() + 10_000;
      while (redis.status !== 'ready' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      await pingRedis(redis);
    } finally {
      await closeRedis(redis);
      await stop(server);
    }
  });
});
