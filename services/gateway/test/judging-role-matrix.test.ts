import { startHarness, type Harness } from './support/gateway-harness';
import { bearer } from './support/api';
import { PERSONAS, sessionsByRole, type Persona } from './support/roles';
import type { HttpResponse } from './support/http-client';

type Call = (h: Harness, auth: Record<string, string>) => Promise<HttpResponse>;

/** The judging service is not running here: a request that passes the role check gets 503. */
const PASS = 503;
const only = (...roles: Persona[]): Record<Persona, number> =>
  Object.fromEntries(PERSONAS.map((p) => [p, p === 'anonymous' ? 401 : roles.includes(p) ? PASS : 403])) as Record<Persona, number>;

const T = '/v1/competitions/c1/tracks/t1';
const scheme = { criteria: [{ id: 'A', name: 'All', weight: 100, aspects: [{ id: 'a', kind: 'measurement', description: 'x', maxMark: 100 }] }] };
const send = (method: 'POST' | 'PUT' | 'GET', url: string, payload?: unknown): Call => (h, auth) =>
  h.http.inject({ method, url, ...(payload === undefined ? {} : { payload }), headers: auth });

const MATRIX: readonly [string, Call, Record<Persona, number>][] = [
  ['PUT marking-scheme', send('PUT', `${T}/marking-scheme`, scheme), only('organizer', 'admin')],
  ['POST judges', send('POST', `${T}/judges`, { judges: [{ accountId: 'j1' }] }), only('organizer', 'admin')],
  ['POST assignments/generate', send('POST', `${T}/assignments/generate`, {}), only('organizer', 'admin')],
  ['GET /v1/me/assignments', send('GET', '/v1/me/assignments'), only('judge')],
  ['PUT /v1/entries/e1/marks', send('PUT', '/v1/entries/e1/marks', { marks: [{ aspectId: 'a', level: 2 }] }), only('judge')],
  ['POST /v1/entries/e1/marks/submit', send('POST', '/v1/entries/e1/marks/submit', {}), only('judge')],
  ['POST /v1/entries/e1/sign-off', send('POST', '/v1/entries/e1/sign-off', {}), only('judge')],
  ['POST results/publish', send('POST', `${T}/results/publish`, {}), only('organizer', 'admin')],
  ['GET ledger/verify', send('GET', `${T}/ledger/verify`), only('judge', 'organizer', 'admin')],
  ['GET results (public)', send('GET', `${T}/results`), Object.fromEntries(PERSONAS.map((p) => [p, PASS])) as Record<Persona, number>],
];

describe('gateway: judging routes × every role', () => {
  let h: Harness;
  let tokens: Record<Persona, Record<string, string>>;
  beforeAll(async () => {
    h = await startHarness('gw_judging_roles');
    const sessions = await sessionsByRole(h);
    tokens = { anonymous: {}, ...Object.fromEntries(Object.entries(sessions).map(([role, s]) => [role, bearer(s.accessToken)])) } as Record<Persona, Record<string, string>>;
  });
  afterAll(async () => {
    await h.close();
  });

  const cells = MATRIX.flatMap(([route, call, expected]) => PERSONAS.map((persona) => [route, persona, expected[persona], call] as const));
  it.each(cells)('%s as %s → %d', async (_route, persona, status, call) => {
    const res = await call(h, tokens[persona]);
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('rejects a mark with neither level, points nor pass, naming the field', async () => {
    const res = await send('PUT', '/v1/entries/e1/marks', { marks: [{ aspectId: 'a' }] })(h, tokens.judge);
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'DC_ERR_VALIDATION', errors: expect.arrayContaining([{ field: 'marks[0]', message: 'must match exactly one schema in oneOf' }]) });
  });
});
