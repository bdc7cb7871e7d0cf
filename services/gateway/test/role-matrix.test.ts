import { startHarness, type Harness } from './support/gateway-harness';
import { bearer, uniqueEmail, validCreditCode, PASSWORD } from './support/api';
import { PERSONAS, sessionsByRole, type Persona } from './support/roles';
import type { HttpResponse } from './support/http-client';

type Call = (h: Harness, auth: Record<string, string>) => Promise<HttpResponse>;

interface RouteCase {
  readonly route: string;
  readonly call: Call;
  /** Expected status per persona. */
  readonly expect: Readonly<Record<Persona, number>>;
}

const all = (status: number): Record<Persona, number> => Object.fromEntries(PERSONAS.map((p) => [p, status])) as Record<Persona, number>;
const post = (url: string, body: () => unknown): Call => (h, auth) => h.http.inject({ method: 'POST', url, payload: body(), headers: auth });
const get = (url: string): Call => (h, auth) => h.http.inject({ method: 'GET', url, headers: auth });

/** Every implemented route × every role. The bodies are valid, so only access decides. */
const MATRIX: readonly RouteCase[] = [
  { route: 'POST /v1/auth/signup', call: post('/v1/auth/signup', () => ({ role: 'contestant', email: uniqueEmail('m'), password: PASSWORD, displayName: 'M' })), expect: all(201) },
  {
    route: 'POST /v1/auth/signup (enterprise)',
    call: post('/v1/auth/signup', () => ({ role: 'enterprise', email: uniqueEmail('m'), password: PASSWORD, displayName: 'M', organization: { name: 'Org', creditCode: validCreditCode() } })),
    expect: all(201),
  },
  { route: 'POST /v1/auth/login (wrong password)', call: post('/v1/auth/login', () => ({ email: uniqueEmail('m'), password: 'wrong-one-123' })), expect: all(401) },
  { route: 'POST /v1/auth/refresh (unknown token)', call: post('/v1/auth/refresh', () => ({ refreshToken: 'r'.repeat(43) })), expect: all(401) },
  { route: 'POST /v1/auth/logout', call: post('/v1/auth/logout', () => ({ refreshToken: 'r'.repeat(43) })), expect: all(204) },
  { route: 'GET /v1/me', call: get('/v1/me'), expect: { ...all(200), anonymous: 401 } },
  {
    route: 'POST /v1/role-invitations (judge)',
    call: post('/v1/role-invitations', () => ({ role: 'judge' })),
    expect: { anonymous: 401, contestant: 403, enterprise: 403, judge: 403, organizer: 201, admin: 201 },
  },
  {
    route: 'POST /v1/role-invitations (organizer)',
    call: post('/v1/role-invitations', () => ({ role: 'organizer' })),
    expect: { anonymous: 401, contestant: 403, enterprise: 403, judge: 403, organizer: 403, admin: 201 },
  },
  {
    route: 'POST /v1/auth/accept-invitation (unknown token)',
    call: post('/v1/auth/accept-invitation', () => ({ token: 'i'.repeat(43), email: uniqueEmail('m'), password: PASSWORD, displayName: 'M' })),
    expect: all(422),
  },
  // Public, proxied to the registration service, which is not running here.
  { route: 'GET /v1/competitions', call: get('/v1/competitions'), expect: all(503) },
  { route: 'GET /livez', call: get('/livez'), expect: all(200) },
  { route: 'GET /v1/openapi.json', call: get('/v1/openapi.json'), expect: all(200) },
];

describe('gateway: role matrix (every route × every role)', () => {
  let h: Harness;
  let tokens: Record<Persona, Record<string, string>>;
  beforeAll(async () => {
    h = await startHarness('gw_role_matrix');
    const sessions = await sessionsByRole(h);
    tokens = { anonymous: {}, ...Object.fromEntries(Object.entries(sessions).map(([role, s]) => [role, bearer(s.accessToken)])) } as Record<Persona, Record<string, string>>;
  });
  afterAll(async () => {
    await h.close();
  });

  const cells = MATRIX.flatMap((c) => PERSONAS.map((persona) => [c.route, persona, c.expect[persona], c] as const));
  it.each(cells)('%s as %s → %d', async (_route, persona, status, c) => {
    const res = await c.call(h, tokens[persona]);
    expect(res.statusCode).toBe(status);
    if (status >= 400) expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
