import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { freePort, startServiceProcess, waitForStatus, type ServiceUnderTest } from '@digicraft/testkit';
import { signJwt, type SigningKey } from '../../../gateway/src/security/jwt';

/**
 * The real stack as production runs it: the built registration and gateway processes
 * (dist/main.js) against the running Kafka, FerretDB and Redis, each run on its own database
 * and key prefix. Access tokens are minted with the gateway's configured signing key.
 */
export interface Stack {
  readonly gatewayUrl: string;
  readonly grpcAddress: string;
  readonly registrationDb: string;
  readonly gatewayDb: string;
  readonly mongoUrl: string;
  /** The gateway's Redis keys start with this (idempotency records, rate limits). */
  readonly redisKeyPrefix: string;
  registration: ServiceUnderTest;
  readonly gateway: ServiceUnderTest;
  token(accountId: string, roles: readonly string[]): string;
  /** kill -9 of the registration process, then a fresh start on the same ports and database. */
  restartRegistration(signal?: NodeJS.Signals): Promise<void>;
  close(): Promise<void>;
}

const infra = () => ({
  KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:19092',
  MONGO_URL: process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27018',
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:16379',
  KAFKAJS_NO_PARTITIONER_WARNING: '1',
});

/** `registrationEnv` adds to the registration process's environment (e.g. a short deadline sweep interval). */
export async function startStack(name: string, extraGatewayEnv: Record<string, string> = {}, registrationEnv: Record<string, string> = {}): Promise<Stack> {
  const run = `${name}_${Date.now().toString(36)}${randomUUID().slice(0, 4)}`;
  const [grpcPort, regAdmin, httpPort, gwAdmin] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const registrationDb = `reg_${run}`;
  const gatewayDb = `gw_${run}`;
  const redisKeyPrefix = `test:${run}:`;
  const regEnv = { ...infra(), SERVICE_NAME: 'registration', NODE_ENV: 'test', LOG_LEVEL: 'warn', GRPC_PORT: String(grpcPort), ADMIN_PORT: String(regAdmin), REGISTRATION_DB: registrationDb, ...registrationEnv };
  // RSA, like the gateway's development key: its tokens verify about five times faster than Ed25519's.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signing: SigningKey = { kid: 'bench', privateKey };
  const startRegistration = async (): Promise<ServiceUnderTest> => {
    const proc = startServiceProcess('registration', regEnv);
    await waitForStatus(`http://127.0.0.1:${regAdmin}/readyz`, 200, 60_000).catch((err: unknown) => {
      throw new Error(`registration did not start: ${String(err)}\n${proc.output()}`);
    });
    return proc;
  };
  const registration = await startRegistration();
  const gateway = startServiceProcess('gateway', {
    ...infra(),
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    HTTP_PORT: String(httpPort),
    ADMIN_PORT: String(gwAdmin),
    MONGO_DB: gatewayDb,
    REDIS_KEY_PREFIX: redisKeyPrefix,
    JWT_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    JWT_KEY_ID: 'bench',
    REGISTRATION_GRPC_ADDR: `127.0.0.1:${grpcPort}`,
    DOWNSTREAM_DEADLINE_MS: '10000',
    RATE_LIMIT_PER_CLIENT: '100000000',
    RATE_LIMIT_PER_ACCOUNT: '100000000',
    ...extraGatewayEnv,
  });
  await waitForStatus(`http://127.0.0.1:${httpPort}/livez`, 200, 60_000).catch((err: unknown) => {
    throw new Error(`gateway did not start: ${String(err)}\n${gateway.output()}`);
  });
  const stack: Stack = {
    gatewayUrl: `http://127.0.0.1:${httpPort}`,
    grpcAddress: `127.0.0.1:${grpcPort}`,
    registrationDb,
    gatewayDb,
    redisKeyPrefix,
    mongoUrl: infra().MONGO_URL,
    registration,
    gateway,
    token: (accountId, roles) => {
      const iat = Math.floor(Date.now() / 1000);
      return signJwt({ sub: accountId, roles, iss: 'digicraft-gateway', iat, exp: iat + 900, sid: `s-${accountId}` }, signing);
    },
    restartRegistration: async (signal = 'SIGKILL') => {
      stack.registration.child.kill(signal);
      await stack.registration.exited;
      stack.registration = await startRegistration();
    },
    close: async () => {
      if (process.env.STACK_DEBUG === '1') process.stderr.write(`--- registration output ---\n${stack.registration.output().slice(-4000)}\n--- gateway ---\n${stack.gateway.output().slice(-2000)}\n`);
      for (const p of [stack.gateway, stack.registration]) {
        p.child.kill('SIGTERM');
        await Promise.race([p.exited, new Promise((r) => setTimeout(r, 15_000).unref())]);
      }
    },
  };
  return stack;
}
