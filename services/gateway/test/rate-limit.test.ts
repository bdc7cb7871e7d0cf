import { startHarness, type Harness } from './support/gateway-harness';
import { bearer, get, json, PASSWORD, post, signup, uniqueEmail } from './support/api';

describe('gateway: rate limits in Redis', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('gw_rate_limit', {
      RATE_LIMIT_AUTH_PER_CLIENT: '5',
      RATE_LIMIT_PER_CLIENT: '40',
      RATE_LIMIT_PER_ACCOUNT: '8',
      LOGIN_FAILURES_BEFORE_BACKOFF: '3',
      RATE_LIMIT_WINDOW_MS: '60s',
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it('login and sign-up are limited per client address with 429 and Retry-After', async () => {
    const client = { 'x-forwarded-for': '203.0.113.10' };
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      statuses.push((await post(h.http, '/v1/auth/login', { email: uniqueEmail('rl'), password: 'whatever-123' }, client)).statusCode);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    const limited = await post(h.http, '/v1/auth/signup', { role: 'contestant', email: uniqueEmail(), password: PASSWORD, displayName: 'X' }, client);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(json(limited)).toMatchObject({ code: 'DC_ERR_RATE_LIMITED', status: 429 });

    // Another address is not affected.
    const other = await post(h.http, '/v1/auth/login', { email: uniqueEmail('rl'), password: 'whatever-123' }, { 'x-forwarded-for': '203.0.113.11' });
    expect(other.statusCode).toBe(401);
  });

  it('every route is limited per client address', async () => {
    const client = { 'x-forwarded-for': '203.0.113.20' };
    let last = 0;
    for (let i = 0; i < 41; i += 1) last = (await get(h.http, '/v1/openapi.json', client)).statusCode;
    expect(last).toBe(429);
  });

  it('authenticated calls are limited per account, whatever the address', async () => {
    const { session } = await signup(h.http, 'contestant');
    const statuses: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      const res = await get(h.http, '/v1/me', { ...bearer(session.accessToken), 'x-forwarded-for': `198.51.100.${i}` });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 8).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(8)).toEqual([429, 429]);
  });

  it('repeated failed logins lock the e-mail with growing backoff, even with the right password', async () => {
    const { email } = await signup(h.http, 'contestant', uniqueEmail('victim'));
    for (let i = 0; i < 4; i += 1) {
      await post(h.http, '/v1/auth/login', { email, password: 'guess-number-1' }, { 'x-forwarded-for': `192.0.2.${i}` });
    }
    const locked = await post(h.http, '/v1/auth/login', { email, password: PASSWORD }, { 'x-forwarded-for': '192.0.2.50' });
    expect(locked.statusCode).toBe(429);
    expect(json(locked)).toMatchObject({ code: 'DC_ERR_LOGIN_LOCKED' });
    expect(Number(locked.headers['retry-after'])).toBeGreaterThanOrEqual(1);

    await new Promise((resolve) => setTimeout(resolve, Number(locked.headers['retry-after']) * 1000 + 100));
    const after = await post(h.http, '/v1/auth/login', { email, password: PASSWORD }, { 'x-forwarded-for': '192.0.2.51' });
    expect(after.statusCode).toBe(200);
  });
});
