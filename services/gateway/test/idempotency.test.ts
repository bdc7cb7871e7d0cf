import { startHarness, type Harness } from './support/gateway-harness';
import { bearer, json, PASSWORD, post, uniqueEmail } from './support/api';
import { sessionsByRole } from './support/roles';

describe('gateway: Idempotency-Key on POST', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('gw_idempotency');
  });
  afterAll(async () => {
    await h.close();
  });

  it('the same key with the same body replays the first response and creates nothing new', async () => {
    const body = { role: 'contestant', email: uniqueEmail('idem'), password: PASSWORD, displayName: 'Once' };
    const key = { 'idempotency-key': `signup-${Date.now()}` };
    const first = await post(h.http, '/v1/auth/signup', body, key);
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotency-replayed']).toBeUndefined();

    // Same body with its keys in another order still counts as the same request.
    const reordered = { displayName: body.displayName, password: body.password, email: body.email, role: body.role };
    const second = await post(h.http, '/v1/auth/signup', reordered, key);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotency-replayed']).toBe('true');
    expect(json(second)).toEqual(json(first));
    expect(h.events.filter((e) => e.subject === json<{ account: { id: string } }>(first).account.id)).toHaveLength(1);
  });

  it('the same key with a different body is refused with 422', async () => {
    const key = { 'idempotency-key': `k-${Date.now()}` };
    await post(h.http, '/v1/auth/signup', { role: 'contestant', email: uniqueEmail('a'), password: PASSWORD, displayName: 'A' }, key);
    const res = await post(h.http, '/v1/auth/signup', { role: 'contestant', email: uniqueEmail('b'), password: PASSWORD, displayName: 'B' }, key);
    expect(res.statusCode).toBe(422);
    expect(json(res)).toMatchObject({ code: 'DC_ERR_IDEMPOTENCY_KEY_REUSED' });
  });

  it('keys are per caller: the same key from two accounts does not collide', async () => {
    const roles = await sessionsByRole(h);
    const key = { 'idempotency-key': 'shared-key-1' };
    const a = await post(h.http, '/v1/role-invitations', { role: 'judge' }, { ...bearer(roles.admin.accessToken), ...key });
    const b = await post(h.http, '/v1/role-invitations', { role: 'judge' }, { ...bearer(roles.organizer.accessToken), ...key });
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.headers['idempotency-replayed']).toBeUndefined();
    expect(json<{ token: string }>(a).token).not.toBe(json<{ token: string }>(b).token);
    const replay = await post(h.http, '/v1/role-invitations', { role: 'judge' }, { ...bearer(roles.admin.accessToken), ...key });
    expect(replay.headers['idempotency-replayed']).toBe('true');
    expect(json<{ token: string }>(replay).token).toBe(json<{ token: string }>(a).token);
  });

  it('a retried refresh with the same key gets the same new pair instead of tripping reuse detection', async () => {
    const signup = json<{ session: { refreshToken: string } }>(
      await post(h.http, '/v1/auth/signup', { role: 'contestant', email: uniqueEmail('r'), password: PASSWORD, displayName: 'R' }),
    );
    const key = { 'idempotency-key': `refresh-${Date.now()}` };
    const first = await post(h.http, '/v1/auth/refresh', { refreshToken: signup.session.refreshToken }, key);
    const retry = await post(h.http, '/v1/auth/refresh', { refreshToken: signup.session.refreshToken }, key);
    expect(first.statusCode).toBe(200);
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotency-replayed']).toBe('true');
    expect(json(retry)).toEqual(json(first));
  });

  it('a malformed key is a validation error naming the header', async () => {
    const res = await post(h.http, '/v1/auth/login', { email: 'a@b.c', password: 'x' }, { 'idempotency-key': 'has space' });
    expect(res.statusCode).toBe(400);
    expect(json(res)).toMatchObject({ errors: [{ field: 'header.idempotency-key' }] });
  });
});
