import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { ApiClient, ApiError } from './http-client';

const run = promisify(execFile);
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

export interface Person {
  readonly id: string;
  readonly email: string;
  readonly api: ApiClient;
}

interface SessionAnswer {
  account: { id: string; email: string; roles: string[] };
  session: { accessToken: string };
}

function signedIn(anonymous: ApiClient, answer: SessionAnswer): Person {
  return { id: answer.account.id, email: answer.account.email, api: anonymous.as(answer.session.accessToken) };
}

export function login(anonymous: ApiClient, email: string, password: string): Promise<Person> {
  return anonymous.post<SessionAnswer>('/v1/auth/login', { email, password }).then((a) => signedIn(anonymous, a));
}

/**
 * The first admin cannot sign up: either the gateway was started with BOOTSTRAP_ADMIN_EMAIL and
 * BOOTSTRAP_ADMIN_PASSWORD, or the operator runs the gateway's bootstrap CLI against its store.
 * The demo tries to sign in, and when that fails runs the CLI with the same infrastructure URLs
 * the platform uses (from the environment, or the local launcher's defaults).
 */
export async function bootstrapAdmin(anonymous: ApiClient, email: string, password: string, log: (line: string) => void): Promise<Person> {
  try {
    return await login(anonymous, email, password);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
  }
  log(`admin ${email} cannot sign in yet: running the gateway's bootstrap-admin CLI`);
  const cli = path.join(REPO_ROOT, 'services', 'gateway', 'dist', 'cli', 'bootstrap-admin.js');
  const env = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    LOG_LEVEL: 'warn',
    KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:19092',
    MONGO_URL: process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27018',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:16379',
    BOOTSTRAP_ADMIN_EMAIL: email,
    BOOTSTRAP_ADMIN_PASSWORD: password,
  };
  const { stdout } = await run(process.execPath, [cli], { cwd: REPO_ROOT, env });
  log(stdout.trim());
  return login(anonymous, email, password);
}

export async function signUpContestant(anonymous: ApiClient, email: string, password: string, displayName: string): Promise<Person> {
  try {
    return signedIn(anonymous, await anonymous.post<SessionAnswer>('/v1/auth/signup', { role: 'contestant', email, password, displayName }));
  } catch (error) {
    // A retried sign-up whose first attempt created the account: sign in instead.
    if (error instanceof ApiError && error.status === 409) return login(anonymous, email, password);
    throw error;
  }
}

/** `inviter` invites `email` to `role`; the invitee accepts with a new account. */
export async function invite(inviter: Person, anonymous: ApiClient, role: 'organizer' | 'judge', email: string, password: string, displayName: string): Promise<Person> {
  const { token } = await inviter.api.post<{ token: string }>('/v1/role-invitations', { role, email });
  return signedIn(anonymous, await anonymous.post<SessionAnswer>('/v1/auth/accept-invitation', { token, email, password, displayName }));
}
