import { ConfigError, loadConfig, serviceConfigSchema } from '../src';
import { z } from 'zod';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const validEnv = {
  SERVICE_NAME: 'registration',
  KAFKA_BROKERS: '127.0.0.1:19092,127.0.0.1:19093',
  MONGO_URL: 'mongodb://127.0.0.1:27018',
  REDIS_URL: 'redis://127.0.0.1:16379',
  GRPC_PORT: '50051',
  ADMIN_PORT: '9464',
};

function configErrorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig with serviceConfigSchema', () => {
  it('parses a valid environment into typed values and fills the defaults', () => {
    const config = loadConfig(serviceConfigSchema, validEnv);
    expect(config).toEqual({
      ...validEnv,
      KAFKA_BROKERS: ['127.0.0.1:19092', '127.0.0.1:19093'],
      GRPC_PORT: 50051,
      ADMIN_PORT: 9464,
      BIND_HOST: '127.0.0.1',
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      SHUTDOWN_TIMEOUT_MS: 10_000,
      KAFKA_PARTITIONS: 12,
    });
  });

  it('lists every bad variable in one message, naming each', () => {
    const { MONGO_URL: _omit, ...env } = { ...validEnv, GRPC_PORT: 'abc', LOG_LEVEL: 'loud' };
    const err = configErrorOf(() => loadConfig(serviceConfigSchema, env));
    expect(err.code).toBe('DC_ERR_CONFIG');
    expect(err.message).toContain('Invalid configuration:\n');
    expect(err.message).toContain('  - GRPC_PORT: expected an integer between 1 and 65535, got "abc"');
    expect(err.message).toContain('  - MONGO_URL: is required');
    expect(err.message).toContain('  - LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent, got "loud"');
    expect(err.fields.map((f) => f.field).sort()).toEqual(['GRPC_PORT', 'LOG_LEVEL', 'MONGO_URL']);
  });

  it('treats an empty variable as unset', () => {
    const err = configErrorOf(() => loadConfig(serviceConfigSchema, { ...validEnv, REDIS_URL: '' }));
    expect(err.message).toContain('REDIS_URL: is required');
    expect(loadConfig(serviceConfigSchema, { ...validEnv, LOG_LEVEL: '' }).LOG_LEVEL).toBe('info');
  });

  it('never prints the value of secret-looking variables or credentials inside URLs', () => {
    const schema = serviceConfigSchema.extend({
      JWT_SECRET: z.string().min(32),
      API_KEY: z.string().min(10),
      DB_PASSWORD: z.string().min(10),
      REFRESH_TOKEN_TTL: z.string().regex(/^\d+$/),
    });
    const env = {
      ...validEnv,
      JWT_SECRET: 'hunter2-secret',
      API_KEY: 'k-12345',
      DB_PASSWORD: 'pw-999',
      REFRESH_TOKEN_TTL: 'tok-abc',
      REDIS_URL: 'http://admin:s3cr3t-pass@127.0.0.1:16379',
    };
    const err = configErrorOf(() => loadConfig(schema, env));
    for (const name of ['JWT_SECRET', 'API_KEY', 'DB_PASSWORD', 'REFRESH_TOKEN_TTL', 'REDIS_URL']) {
      expect(err.message).toContain(`- ${name}:`);
    }
    for (const value of ['hunter2-secret', 'k-12345', 'pw-999', 'tok-abc', 's3cr3t-pass']) {
      expect(err.message).not.toContain(value);
    }
    expect(err.message).toContain('REDIS_URL: expected a URL starting with redis:// or rediss://, got "http://[REDACTED]@127.0.0.1:16379"');
  });

  it('freezes the result deeply', () => {
    const config = loadConfig(serviceConfigSchema, validEnv);
    expect(() => {
      (config as { GRPC_PORT: number }).GRPC_PORT = 1;
    }).toThrow(TypeError);
    expect(() => (config.KAFKA_BROKERS as string[]).push('x:1')).toThrow(TypeError);
    expect(config.GRPC_PORT).toBe(50051);
  });

  it('lets a service extend the common schema with its own fields', () => {
    const schema = serviceConfigSchema.extend({ MAX_TEAM_SIZE: z.coerce.number().int().max(10) });
    expect(loadConfig(schema, { ...validEnv, MAX_TEAM_SIZE: '5' }).MAX_TEAM_SIZE).toBe(5);
    const err = configErrorOf(() => loadConfig(schema, { ...validEnv, MAX_TEAM_SIZE: '50' }));
    expect(err.message).toMatch(/MAX_TEAM_SIZE: .*10.*, got "50"/);
  });
});

describe('loadConfigOrExit', () => {
  const fixture = join(__dirname, 'fixtures', 'start-service.ts');
  const run = (env: Record<string, string>) =>
    spawnSync(process.execPath, ['-r', '@swc-node/register', fixture], {
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
      timeout: 30_000,
    });

  it('stops the process with exit code 78 and the message on stderr', () => {
    const result = run({ ...validEnv, ADMIN_PORT: '70000' });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('ADMIN_PORT: expected an integer between 1 and 65535, got "70000"');
    expect(result.stdout).not.toContain('started');
  });

  it('returns the config when the environment is valid', () => {
    const result = run(validEnv);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe('started registration on 50051');
  });
});
