import { accountsEventsV1 } from '@digicraft/contracts';
import { normalizeStoredEntry } from '@digicraft/messaging';
import { startHarness, type Harness } from './support/gateway-harness';
import { bearer, get, json, PASSWORD, post, signup, uniqueEmail, validCreditCode, type Session } from './support/api';

describe('gateway: sign-up, login, refresh, logout', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('gw_auth_flow');
  });
  afterAll(async () => {
    await h.close();
  });

  it('signs a contestant up, returns tokens, and /v1/me shows the account', async () => {
    const email = uniqueEmail('Mixed.Case');
    const res = await post(h.http, '/v1/auth/signup', { role: 'contestant', email, password: PASSWORD, displayName: 'Li Wei' });
    expect(res.statusCode).toBe(201);
    const body = json<{ account: { id: string; email: string; roles: string[] }; session: Session & { expiresIn: number } }>(res);
    expect(body.account.email).toBe(email.toLowerCase());
    expect(body.account.roles).toEqual(['contestant']);
    expect(body.session.expiresIn).toBeLessThanOrEqual(900);
    expect(JSON.stringify(body)).not.toContain('passwordHash');

    const me = await get(h.http, '/v1/me', bearer(body.session.accessToken));
    expect(me.statusCode).toBe(200);
    expect(json(me)).toMatchObject({ id: body.account.id, displayName: 'Li Wei', roles: ['contestant'] });
  });

  it('writes account.created (no e-mail, no name) into the account document for the outbox relay', async () => {
    const { account } = await signup(h.http);
    const doc = await h.store.accounts.models.Account.findById(account.id).lean();
    expect(doc?.outbox).toHaveLength(1);
    const entry = normalizeStoredEntry(doc!.outbox![0]!);
    expect(entry.type).toBe('account.created.v1');
    expect(entry.topic).toBe('digicraft.accounts');
    expect(entry.key).toBe(account.id);
    const payload = accountsEventsV1.AccountCreated.decode(entry.payload);
    expect(payload.accountId).toBe(account.id);
    expect(payload.origin).toBe(accountsEventsV1.AccountOrigin.ACCOUNT_ORIGIN_SIGNUP);
    expect(h.events.some((e) => e.id === entry.id)).toBe(true);
  });

  it('signs an enterprise up with its unified social credit code and rejects a wrong check character', async () => {
    const code = validCreditCode();
    const ok = await post(h.http, '/v1/auth/signup', {
      role: 'enterprise', email: uniqueEmail('hr'), password: PASSWORD, displayName: 'HR',
      organization: { name: 'Acme Digital', creditCode: code },
    });
    expect(ok.statusCode).toBe(201);
    expect(json<{ account: { organization: { creditCode: string } } }>(ok).account.organization.creditCode).toBe(code);

    const wrongCheck = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
    const bad = await post(h.http, '/v1/auth/signup', {
      role: 'enterprise', email: uniqueEmail('hr'), password: PASSWORD, displayName: 'HR',
      organization: { name: 'Acme', creditCode: wrongCheck },
    });
    expect(bad.statusCode).toBe(400);
    expect(json(bad)).toMatchObject({ code: 'DC_ERR_VALIDATION', errors: [{ field: 'organization.creditCode' }] });

    const missingOrg = await post(h.http, '/v1/auth/signup', { role: 'enterprise', email: uniqueEmail('hr'), password: PASSWORD, displayName: 'HR' });
    expect(json(missingOrg)).toMatchObject({ status: 400, errors: [{ field: 'organization', message: 'is required for enterprise accounts' }] });
  });

  it('refuses a second account with the same e-mail (any case) with 409', async () => {
    const { email } = await signup(h.http);
    const res = await post(h.http, '/v1/auth/signup', { role: 'contestant', email: email.toUpperCase(), password: PASSWORD, displayName: 'Again' });
    expect(res.statusCode).toBe(409);
    expect(json(res)).toMatchObject({ code: 'DC_ERR_EMAIL_TAKEN' });
  });

  it('logs in, and a wrong password and an unknown e-mail get the same answer', async () => {
    const { email } = await signup(h.http);
    const ok = await post(h.http, '/v1/auth/login', { email, password: PASSWORD });
    expect(ok.statusCode).toBe(200);
    expect(json<{ session: Session }>(ok).session.accessToken.split('.')).toHaveLength(3);

    const wrong = await post(h.http, '/v1/auth/login', { email, password: 'not-the-password-1' });
    const unknown = await post(h.http, '/v1/auth/login', { email: uniqueEmail('ghost'), password: 'not-the-password-1' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
    expect(strip(json(wrong))).toEqual(strip(json(unknown)));
    expect(json(wrong)).toMatchObject({ code: 'DC_ERR_INVALID_CREDENTIALS' });
  });

  it('access tokens are RS256 JWTs (the development key) with a kid and at most 15 minutes of life', async () => {
    const { session } = await signup(h.http);
    const [header, payload] = session.accessToken.split('.').slice(0, 2).map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>);
    expect(header).toMatchObject({ alg: 'RS256', typ: 'JWT', kid: h.config.JWT_KEY_ID });
    expect((payload!.exp as number) - (payload!.iat as number)).toBeLessThanOrEqual(900);
    const tampered = session.accessToken.slice(0, -4) + (session.accessToken.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const res = await get(h.http, '/v1/me', bearer(tampered));
    expect(res.statusCode).toBe(401);
    expect(json(res)).toMatchObject({ code: 'DC_ERR_TOKEN_INVALID' });
  });

  it('rotates the refresh token on every use', async () => {
    const { session } = await signup(h.http);
    const first = await post(h.http, '/v1/auth/refresh', { refreshToken: session.refreshToken });
    expect(first.statusCode).toBe(200);
    const next = json<{ session: Session }>(first).session;
    expect(next.refreshToken).not.toBe(session.refreshToken);
    const second = await post(h.http, '/v1/auth/refresh', { refreshToken: next.refreshToken });
    expect(second.statusCode).toBe(200);
  });

  it('presenting an already-rotated refresh token revokes the whole family', async () => {
    const { session } = await signup(h.http);
    const rotated = json<{ session: Session }>(await post(h.http, '/v1/auth/refresh', { refreshToken: session.refreshToken })).session;

    // The old token shows up again (stolen copy): reuse detected.
    const reuse = await post(h.http, '/v1/auth/refresh', { refreshToken: session.refreshToken });
    expect(reuse.statusCode).toBe(401);
    expect(json(reuse)).toMatchObject({ code: 'DC_ERR_REFRESH_TOKEN_REUSED' });

    // The legitimate newest token of the family is dead too, and so are its access tokens.
    const newest = await post(h.http, '/v1/auth/refresh', { refreshToken: rotated.refreshToken });
    expect(newest.statusCode).toBe(401);
    const me = await get(h.http, '/v1/me', bearer(rotated.accessToken));
    expect(me.statusCode).toBe(401);
  });

  it('other sessions of the same account survive a reuse in one family', async () => {
    const { email, session } = await signup(h.http);
    const other = json<{ session: Session }>(await post(h.http, '/v1/auth/login', { email, password: PASSWORD })).session;
    await post(h.http, '/v1/auth/refresh', { refreshToken: session.refreshToken });
    await post(h.http, '/v1/auth/refresh', { refreshToken: session.refreshToken });
    const res = await post(h.http, '/v1/auth/refresh', { refreshToken: other.refreshToken });
    expect(res.statusCode).toBe(200);
  });

  it('logout ends the session: refresh and the access token stop working', async () => {
    const { session } = await signup(h.http);
    const out = await post(h.http, '/v1/auth/logout', { refreshToken: session.refreshToken });
    expect(out.statusCode).toBe(204);
    expect((await post(h.http, '/v1/auth/refresh', { refreshToken: session.refreshToken })).statusCode).toBe(401);
    expect((await get(h.http, '/v1/me', bearer(session.accessToken))).statusCode).toBe(401);
  });

  it('never writes passwords, tokens or e-mails to the log', async () => {
    const email = uniqueEmail('secretive');
    const { session } = await signup(h.http, 'contestant', email);
    await post(h.http, '/v1/auth/login', { email, password: 'wrong-password-99' });
    await post(h.http, '/v1/auth/refresh', { refreshToken: session.refreshToken });
    await get(h.http, '/v1/me', bearer(session.accessToken));
    const all = h.logs.join('');
    expect(all).toContain('request completed');
    for (const secret of [PASSWORD, 'wrong-password-99', session.refreshToken, session.accessToken, email]) {
      expect(all).not.toContain(secret);
    }
  });
});
