import { generateKeyPairSync } from 'node:crypto';
import { ConfigError, loadConfig } from '@digicraft/config';
import { createLogger } from '@digicraft/logging';
import { gatewayConfigSchema } from '../src/config';
import { loadKeyRing } from '../src/security/signing-keys';

const BASE = { KAFKA_BROKERS: '127.0.0.1:19092', MONGO_URL: 'mongodb://127.0.0.1:27018', REDIS_URL: 'redis://127.0.0.1:16379' };
const silent = createLogger({ service: 'test', level: 'silent' });

describe('gateway configuration', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(gatewayConfigSchema, BASE);
    expect(config).toMatchObject({ HTTP_PORT: 8080, ADMIN_PORT: 9100, ACCESS_TOKEN_TTL_SECONDS: 900, MONGO_DB: 'digicraft_gateway' });
  });

  it('refuses access tokens longer than 15 minutes, naming the variable', () => {
    expect(() => loadConfig(gatewayConfigSchema, { ...BASE, ACCESS_TOKEN_TTL_SECONDS: '3600' })).toThrow(/ACCESS_TOKEN_TTL_SECONDS/);
  });

  it('generates a development key only outside production', () => {
    const dev = loadConfig(gatewayConfigSchema, { ...BASE, NODE_ENV: 'development' });
    expect(loadKeyRing(dev, silent).signing.privateKey.asymmetricKeyType).toBe('rsa');
    const prod = loadConfig(gatewayConfigSchema, { ...BASE, NODE_ENV: 'production' });
    expect(() => loadKeyRing(prod, silent)).toThrow(ConfigError);
  });

  it('loads a configured Ed25519 key (PEM with \\n escapes) and previous public keys for rotation', () => {
    const current = generateKeyPairSync('ed25519');
    const old = generateKeyPairSync('ed25519');
    const pemOf = (k: typeof current.privateKey, type: 'pkcs8' | 'spki') => k.export({ format: 'pem', type }).toString().replace(/\n/g, '\\n');
    const config = loadConfig(gatewayConfigSchema, {
      ...BASE,
      NODE_ENV: 'production',
      JWT_PRIVATE_KEY: pemOf(current.privateKey, 'pkcs8'),
      JWT_KEY_ID: '2025-06',
      JWT_PREVIOUS_PUBLIC_KEYS: JSON.stringify({ '2025-01': old.publicKey.export({ format: 'pem', type: 'spki' }).toString() }),
    });
    const ring = loadKeyRing(config, silent);
    expect(ring.signing.kid).toBe('2025-06');
    expect([...ring.verification.keys()].sort()).toEqual(['2025-01', '2025-06']);
  });
});
