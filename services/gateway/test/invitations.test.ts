import { startHarness, type Harness } from './support/gateway-harness';
import { bearer, get, json, PASSWORD, post, signup, uniqueEmail, type Session } from './support/api';
import { acceptAsNew, invite, sessionsByRole } from './support/roles';
import { bootstrapAdmin } from '../src/app/bootstrap-admin';

describe('gateway: role invitations and the first admin', () => {
  let h: Harness;
  let roles: Awaited<ReturnType<typeof sessionsByRole>>;
  beforeAll(async () => {
    h = await startHarness('gw_invitations');
    roles = await sessionsByRole(h);
  });
  afterAll(async () => {
    await h.close();
  });

  it('bootstraps the first admin once; running it again changes nothing', async () => {
    const email = uniqueEmail('root');
    expect(await bootstrapAdmin(h.store, h.gateway.auth, email, PASSWORD)).toBe('created');
    expect(await bootstrapAdmin(h.store, h.gateway.auth, email, PASSWORD)).toBe('unchanged');
    const login = await post(h.http, '/v1/auth/login', { email, password: PASSWORD });
    expect(json<{ account: { roles: string[] } }>(login).account.roles).toEqual(['admin']);
  });

  it('an organizer invites a judge, who signs up with the token and gets the judge role', async () => {
    const token = await invite(h.http, roles.organizer, 'judge');
    const judge = await acceptAsNew(h.http, token);
    const me = json<{ roles: string[] }>(await get(h.http, '/v1/me', bearer(judge.accessToken)));
    expect(me.roles).toEqual(['judge']);
  });

  it('an invitation works once', async () => {
    const token = await invite(h.http, roles.admin, 'judge');
    await acceptAsNew(h.http, token);
    const again = await post(h.http, '/v1/auth/accept-invitation', { token, email: uniqueEmail('late'), password: PASSWORD, displayName: 'Late' });
    expect(again.statusCode).toBe(422);
    expect(json(again)).toMatchObject({ code: 'DC_ERR_INVITATION_INVALID' });
  });

  it('an unknown or malformed invitation token is refused', async () => {
    const res = await post(h.http, '/v1/auth/accept-invitation', { token: 'x'.repeat(43), email: uniqueEmail(), password: PASSWORD, displayName: 'X' });
    expect(res.statusCode).toBe(422);
  });

  it('an invitation bound to an e-mail cannot be accepted by another address', async () => {
    const token = await invite(h.http, roles.admin, 'organizer', uniqueEmail('intended'));
    const res = await post(h.http, '/v1/auth/accept-invitation', { token, email: uniqueEmail('intruder'), password: PASSWORD, displayName: 'Intruder' });
    expect(res.statusCode).toBe(403);
    expect(json(res)).toMatchObject({ code: 'DC_ERR_INVITATION_EMAIL_MISMATCH' });
  });

  it('a signed-in contestant accepting a judge invitation gains the role on the same account', async () => {
    const contestant = await signup(h.http, 'contestant');
    const token = await invite(h.http, roles.organizer, 'judge');
    const res = await post(h.http, '/v1/auth/accept-invitation', { token }, bearer(contestant.session.accessToken));
    expect(res.statusCode).toBe(200);
    const body = json<{ account: { id: string; roles: string[] }; session: Session }>(res);
    expect(body.account.id).toBe(contestant.account.id);
    expect(body.account.roles.sort()).toEqual(['contestant', 'judge']);
    const me = json<{ roles: string[] }>(await get(h.http, '/v1/me', bearer(body.session.accessToken)));
    expect(me.roles.sort()).toEqual(['contestant', 'judge']);
  });

  it('accepting as a new account lists every missing field', async () => {
    const token = await invite(h.http, roles.admin, 'judge');
    const res = await post(h.http, '/v1/auth/accept-invitation', { token });
    expect(res.statusCode).toBe(400);
    const fields = json<{ errors: { field: string }[] }>(res).errors.map((e) => e.field).sort();
    expect(fields).toEqual(['displayName', 'email', 'password']);
  });

  it('an organizer may not invite organizers or admins; an admin may', async () => {
    for (const role of ['organizer', 'admin']) {
      const res = await post(h.http, '/v1/role-invitations', { role }, bearer(roles.organizer.accessToken));
      expect(res.statusCode).toBe(403);
    }
    const ok = await post(h.http, '/v1/role-invitations', { role: 'admin' }, bearer(roles.admin.accessToken));
    expect(ok.statusCode).toBe(201);
  });
});
