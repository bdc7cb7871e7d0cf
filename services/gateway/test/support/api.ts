import type { HttpClient, HttpResponse } from './http-client';
import { creditCodeCheckCharacter } from '../../src/domain/credit-code';

export const PASSWORD = 'correct-horse-42';

let counter = 0;
export function uniqueEmail(tag = 'user'): string {
  counter += 1;
  return `${tag}.${Date.now().toString(36)}.${counter}@example.test`;
}

/** A valid unified social credit code with a random body. */
export function validCreditCode(): string {
  const digits = Array.from({ length: 8 }, () => Math.floor(Math.random() * 10)).join('');
  const body = `91${digits.slice(0, 6)}MA${digits.slice(6)}XXXXX`.slice(0, 17);
  return body + creditCodeCheckCharacter(body);
}

export interface Session {
  accessToken: string;
  refreshToken: string;
}

export function json<T = Record<string, unknown>>(res: HttpResponse): T {
  return JSON.parse(res.body) as T;
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

export async function post(http: HttpClient, url: string, payload: unknown, headers: Record<string, string> = {}) {
  return http.inject({ method: 'POST', url, payload, headers });
}

export async function get(http: HttpClient, url: string, headers: Record<string, string> = {}) {
  return http.inject({ method: 'GET', url, headers });
}

export async function signup(app: HttpClient, role: 'contestant' | 'enterprise' = 'contestant', email = uniqueEmail(role)) {
  const body: Record<string, unknown> = { role, email, password: PASSWORD, displayName: `Test ${role}` };
  if (role === 'enterprise') body.organization = { name: 'Acme Digital', creditCode: validCreditCode() };
  const res = await post(app, '/v1/auth/signup', body);
  if (res.statusCode !== 201) throw new Error(`signup failed: ${res.statusCode} ${res.body}`);
  const parsed = json<{ account: { id: string; roles: string[] }; session: Session }>(res);
  return { email, ...parsed };
}
