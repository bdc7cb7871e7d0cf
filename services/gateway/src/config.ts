import { bindHost, bool, durationMs, envField, oneOf, port, positiveInt, serviceConfigSchema, serviceName } from '@digicraft/config';
import { z } from 'zod';

const HOST_PORT = /^[A-Za-z0-9.-]+:\d{1,5}$/;

function grpcAddress(defaultValue: string) {
  return envField('host:port', (raw) => (HOST_PORT.test(raw) ? raw : undefined), { default: defaultValue });
}

function commaList(options: { default: string[] }) {
  return envField(
    'a comma-separated list',
    (raw) => raw.split(',').map((s) => s.trim()).filter((s) => s.length > 0),
    options,
  );
}

/** A PEM block given inline; `\n` escapes are accepted because env files cannot hold newlines. */
function pem(kind: string) {
  return envField(`a PEM-encoded ${kind}`, (raw) => {
    const text = raw.replace(/\\n/g, '\n');
    return /-----BEGIN [A-Z ]+-----[\s\S]+-----END [A-Z ]+-----/.test(text) ? text : undefined;
  });
}

/** `{"<kid>": "<PEM public key>", …}`: keys that signed tokens still in circulation. */
function publicKeyMap() {
  return envField<Record<string, string>>(
    'a JSON object mapping key ids to PEM public keys',
    (raw) => {
      try {
        const parsed: unknown = JSON.parse(raw);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
        const entries = Object.entries(parsed);
        return entries.every(([, v]) => typeof v === 'string') ? (parsed as Record<string, string>) : undefined;
      } catch {
        return undefined;
      }
    },
    { default: {} },
  );
}

/**
 * The gateway serves HTTP, not gRPC, so GRPC_PORT is left out. Everything security-relevant
 * (token lifetimes, limits) is bounded here so a typo cannot produce week-long access tokens.
 */
export const gatewayConfigSchema = serviceConfigSchema.omit({ GRPC_PORT: true }).extend({
  SERVICE_NAME: serviceName({ default: 'gateway' }),
  HTTP_PORT: port({ default: 8080 }),
  HTTP_HOST: bindHost({ default: '127.0.0.1' }),
  ADMIN_PORT: port({ default: 9100 }),
  MONGO_DB: envField('a database name', (raw) => (/^[A-Za-z0-9_-]{1,63}$/.test(raw) ? raw : undefined), {
    default: 'digicraft_gateway',
  }),
  JWT_PRIVATE_KEY: pem('Ed25519 private key').optional(),
  JWT_KEY_ID: envField('a key id', (raw) => (/^[A-Za-z0-9._-]{1,64}$/.test(raw) ? raw : undefined), { default: 'dev' }),
  JWT_PREVIOUS_PUBLIC_KEYS: publicKeyMap(),
  JWT_ISSUER: envField('an issuer name', (raw) => raw, { default: 'digicraft-gateway' }),
  ACCESS_TOKEN_TTL_SECONDS: envField('an integer between 30 and 900', (raw) => intIn(raw, 30, 900), { default: 900 }),
  REFRESH_TOKEN_TTL_SECONDS: envField('an integer between 300 and 7776000', (raw) => intIn(raw, 300, 7_776_000), {
    default: 30 * 24 * 3600,
  }),
  INVITATION_TTL_SECONDS: positiveInt({ default: 7 * 24 * 3600 }),
  CORS_ORIGINS: commaList({ default: [] }),
  TRUST_PROXY: bool({ default: false }),
  BODY_LIMIT_BYTES: positiveInt({ default: 64 * 1024 }),
  REDIS_KEY_PREFIX: envField('a key prefix', (raw) => raw, { default: 'gw:' }),
  RATE_LIMIT_WINDOW_MS: durationMs({ default: 60_000 }),
  RATE_LIMIT_PER_CLIENT: positiveInt({ default: 600 }),
  RATE_LIMIT_PER_ACCOUNT: positiveInt({ default: 1200 }),
  RATE_LIMIT_AUTH_PER_CLIENT: positiveInt({ default: 20 }),
  LOGIN_FAILURES_BEFORE_BACKOFF: positiveInt({ default: 5 }),
  PUBLIC_CACHE_TTL_SECONDS: positiveInt({ default: 5 }),
  IDEMPOTENCY_TTL_SECONDS: positiveInt({ default: 24 * 3600 }),
  REGISTRATION_GRPC_ADDR: grpcAddress('127.0.0.1:50051'),
  JUDGING_GRPC_ADDR: grpcAddress('127.0.0.1:50052'),
  TALENT_GRPC_ADDR: grpcAddress('127.0.0.1:50053'),
  MATCHING_GRPC_ADDR: grpcAddress('127.0.0.1:50054'),
  DOWNSTREAM_DEADLINE_MS: durationMs({ default: 2_000 }),
  /** Calls that work through a whole track or roster (see DownstreamClients.bulkDeadlineMs). */
  DOWNSTREAM_BULK_DEADLINE_MS: durationMs({ default: 30_000 }),
  DOWNSTREAM_RETRY_AFTER_SECONDS: positiveInt({ default: 5 }),
  BOOTSTRAP_ADMIN_EMAIL: envField('an e-mail address', (raw) => (raw.includes('@') ? raw : undefined)).optional(),
  BOOTSTRAP_ADMIN_PASSWORD: envField('a password', (raw) => raw).optional(),
  PASSWORD_HASH_COST: oneOf(['fast', 'standard'], { default: 'standard' }),
});

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;

function intIn(raw: string, min: number, max: number): number | undefined {
  if (!/^\d+$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= min && n <= max ? n : undefined;
}
