import { startHarness, type Harness } from './support/gateway-harness';
import { get, json, post } from './support/api';

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  requestId: string;
  errors?: { field: string; message: string }[];
}

describe('gateway: errors, headers and the API document', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('gw_problems', { CORS_ORIGINS: 'https://app.digicraft.test', BODY_LIMIT_BYTES: '2048' });
  });
  afterAll(async () => {
    await h.close();
  });

  it('a sign-up with many bad fields lists every one of them', async () => {
    const res = await post(h.http, '/v1/auth/signup', {
      role: 'judge',
      email: 'not-an-email',
      password: 'short',
      organization: { name: '', creditCode: 'ABC' },
      nickname: 'extra',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = json<ProblemBody>(res);
    expect(body).toMatchObject({ status: 400, code: 'DC_ERR_VALIDATION', title: 'Bad Request', instance: '/v1/auth/signup' });
    expect(body.type).toMatch(/^https:\/\//);
    expect(body.requestId).toBe(res.headers['x-request-id']);
    const fields = new Set(body.errors?.map((e) => e.field));
    for (const f of ['role', 'email', 'password', 'displayName', 'organization.name', 'organization.creditCode', 'nickname']) {
      expect(fields).toContain(f);
    }
  });

  it('query parameters are validated too, named as query.<name>', async () => {
    const res = await get(h.http, '/v1/competitions?pageSize=1000');
    expect(res.statusCode).toBe(400);
    expect(json<ProblemBody>(res).errors).toEqual([expect.objectContaining({ field: 'query.pageSize' })]);
  });

  it('only JSON is accepted (415), malformed JSON is 400, oversized bodies are 413', async () => {
    const text = await h.http.inject({ method: 'POST', url: '/v1/auth/login', rawBody: 'email=a', headers: { 'content-type': 'text/plain' } });
    expect(text.statusCode).toBe(415);
    expect(json<ProblemBody>(text).code).toBe('DC_ERR_UNSUPPORTED_MEDIA_TYPE');
    const broken = await h.http.inject({ method: 'POST', url: '/v1/auth/login', rawBody: '{"email":', headers: { 'content-type': 'application/json' } });
    expect(broken.statusCode).toBe(400);
    expect(json<ProblemBody>(broken).code).toBe('DC_ERR_MALFORMED_JSON');
    const big = await post(h.http, '/v1/auth/login', { email: 'a@b.c', password: 'x'.repeat(5000) });
    expect(big.statusCode).toBe(413);
    expect(json<ProblemBody>(big).code).toBe('DC_ERR_BODY_TOO_LARGE');
  });

  it('unknown routes are problem documents too', async () => {
    const res = await get(h.http, '/v1/nowhere');
    expect(res.statusCode).toBe(404);
    expect(json<ProblemBody>(res)).toMatchObject({ code: 'DC_ERR_ROUTE_NOT_FOUND', status: 404 });
  });

  it('every response carries a request id; a well-formed incoming one is kept', async () => {
    const fresh = await get(h.http, '/livez');
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await get(h.http, '/livez', { 'x-request-id': 'client-req-42' });
    expect(kept.headers['x-request-id']).toBe('client-req-42');
    const replaced = await get(h.http, '/livez', { 'x-request-id': 'bad id with spaces' });
    expect(replaced.headers['x-request-id']).not.toBe('bad id with spaces');
    expect(h.logs.some((line) => line.includes('"requestId":"client-req-42"'))).toBe(true);
  });

  it('sends security headers', async () => {
    const res = await get(h.http, '/livez');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['strict-transport-security']).toContain('max-age=');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('allows CORS only for configured origins', async () => {
    const allowed = await h.http.inject({
      method: 'OPTIONS',
      url: '/v1/auth/login',
      headers: { origin: 'https://app.digicraft.test', 'access-control-request-method': 'POST' },
    });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.digicraft.test');
    const denied = await get(h.http, '/livez', { origin: 'https://evil.test' });
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('serves an OpenAPI 3.1 document generated from the routes, and the docs page', async () => {
    const res = await get(h.http, '/v1/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = json<{ openapi: string; paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>; components: { schemas: Record<string, unknown> } }>(res);
    expect(doc.openapi).toBe('3.1.0');
    for (const path of ['/v1/auth/signup', '/v1/auth/login', '/v1/auth/refresh', '/v1/auth/logout', '/v1/me', '/v1/role-invitations', '/v1/auth/accept-invitation', '/v1/competitions']) {
      expect(doc.paths[path]).toBeDefined();
    }
    expect(doc.paths['/v1/auth/signup']!.post!.requestBody).toBeDefined();
    expect(Object.keys(doc.paths['/v1/auth/signup']!.post!.responses)).toEqual(expect.arrayContaining(['201', '4XX']));
    expect(doc.components.schemas).toHaveProperty('Problem');
    expect(doc.paths['/livez']).toBeUndefined();
    const docs = await get(h.http, '/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });
});
