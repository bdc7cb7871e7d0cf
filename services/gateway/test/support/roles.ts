import type { HttpClient } from './http-client';
import { json, PASSWORD, post, signup, uniqueEmail, type Session } from './api';
import type { Harness } from './gateway-harness';
import { bootstrapAdmin } from '../../src/app/bootstrap-admin';

export type Persona = 'anonymous' | 'contestant' | 'enterprise' | 'judge' | 'organizer' | 'admin';
export const PERSONAS: readonly Persona[] = ['anonymous', 'contestant', 'enterprise', 'judge', 'organizer', 'admin'];

async function login(http: HttpClient, email: string): Promise<Session> {
  const res = await post(http, '/v1/auth/login', { email, password: PASSWORD });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
  return json<{ session: Session }>(res).session;
}

export async function invite(http: HttpClient, inviter: Session, role: string, email?: string): Promise<string> {
  const res = await post(http, '/v1/role-invitations', { role, ...(email ? { email } : {}) }, { authorization: `Bearer ${inviter.accessToken}` });
  if (res.statusCode !== 201) throw new Error(`invite failed: ${res.statusCode} ${res.body}`);
  return json<{ token: string }>(res).token;
}

export async function acceptAsNew(http: HttpClient, token: string, email = uniqueEmail('invitee')): Promise<Session> {
  const res = await post(http, '/v1/auth/accept-invitation', { token, email, password: PASSWORD, displayName: 'Invitee' });
  if (res.statusCode !== 200) throw new Error(`accept failed: ${res.statusCode} ${res.body}`);
  return json<{ session: Session }>(res).session;
}

/** One signed-in session per role: admin by bootstrap, organizer and judge by invitation. */
export async function sessionsByRole(h: Harness): Promise<Record<Exclude<Persona, 'anonymous'>, Session>> {
  const adminEmail = uniqueEmail('admin');
  await bootstrapAdmin(h.store, h.gateway.auth, adminEmail, PASSWORD);
  const admin = await login(h.http, adminEmail);
  const organizer = await acceptAsNew(h.http, await invite(h.http, admin, 'organizer'));
  const judge = await acceptAsNew(h.http, await invite(h.http, organizer, 'judge'));
  const contestant = (await signup(h.http, 'contestant')).session;
  const enterprise = (await signup(h.http, 'enterprise')).session;
  return { admin, organizer, judge, contestant, enterprise };
}
