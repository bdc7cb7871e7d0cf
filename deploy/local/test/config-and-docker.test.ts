import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { InfraConfigError, isDockerReachable, resolveInfraConfig } from '../src';
import { findRepoRoot } from '../src/repo-root';

describe('launcher settings', () => {
  it('defaults to the repo cache folder and the documented ports', () => {
    const config = resolveInfraConfig({});
    expect(config).toEqual({
      home: `${findRepoRoot()}/.digicraft`,
      kafkaPort: 19092,
      kafkaControllerPort: 19093,
      mongoPort: 27018,
      redisPort: 16379,
      kafkaPartitions: 12,
      mode: 'auto',
    });
  });

  it.each([
    [{ DIGICRAFT_KAFKA_PORT: 'abc' }, 'DIGICRAFT_KAFKA_PORT: "abc" is not a whole number'],
    [{ DIGICRAFT_REDIS_PORT: '70000' }, 'DIGICRAFT_REDIS_PORT: 70000 is outside 1024..65535'],
    [{ DIGICRAFT_KAFKA_PARTITIONS: '0' }, 'DIGICRAFT_KAFKA_PARTITIONS: 0 is outside 1..1000'],
    [{ DIGICRAFT_MONGO_PORT: '19092' }, 'DIGICRAFT_MONGO_PORT: port 19092 is already used by DIGICRAFT_KAFKA_PORT'],
    [{ DIGICRAFT_INFRA: 'docker-only' }, 'DIGICRAFT_INFRA: "docker-only" must be "auto" or "local"'],
  ])('rejects %j with a message naming the variable', (env, message) => {
    expect(() => resolveInfraConfig(env)).toThrow(InfraConfigError);
    expect(() => resolveInfraConfig(env)).toThrow(message);
  });

  it('takes DIGICRAFT_HOME as the one cache folder', () => {
    expect(resolveInfraConfig({ DIGICRAFT_HOME: '/tmp/elsewhere/' }).home).toBe('/tmp/elsewhere');
  });
});

describe('Docker detection', () => {
  it('answers no within about a second when no engine listens', async () => {
    const started = Date.now();
    expect(await isDockerReachable({ DOCKER_HOST: 'unix:///tmp/no-such-docker.sock' })).toBe(false);
    expect(await isDockerReachable({ DOCKER_HOST: 'tcp://127.0.0.1:1' })).toBe(false);
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it('answers yes when an engine answers /_ping', async () => {
    const engine = http.createServer((request, response) => {
      response.statusCode = request.url === '/_ping' ? 200 : 404;
      response.end('OK');
    });
    await new Promise<void>((resolve) => engine.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = engine.address() as AddressInfo;
      expect(await isDockerReachable({ DOCKER_HOST: `tcp://127.0.0.1:${port}` })).toBe(true);
    } finally {
      await new Promise<void>((resolve) => engine.close(() => resolve()));
    }
  });
});
