import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, startServiceProcess, waitForStatus, type ServiceUnderTest } from '@digicraft/testkit';
import { startHarness, type Harness } from './support/gateway-harness';
import { bearer, json, signup, type Session } from './support/api';
import { acceptAsNew, invite, sessionsByRole } from './support/roles';
import type { HttpResponse } from './support/http-client';

jest.setTimeout(180_000);

/** The roles of the role matrix plus a second contestant and a second organizer, for ownership. */
type Persona = 'anonymous' | 'contestant' | 'contestant2' | 'enterprise' | 'judge' | 'organizer' | 'organizer2' | 'admin';
const PERSONAS: readonly Persona[] = ['anonymous', 'contestant', 'contestant2', 'enterprise', 'judge', 'organizer', 'organizer2', 'admin'];

/** GB 11643 check character, so each registration carries a valid identity number. */
function residentId(birthYmd: string, sequence: number): string {
  const first17 = `110105${birthYmd}${String(sequence % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(first17[i]), 0);
  return `${first17}${'10X98765432'[sum % 11]}`;
}

let applicants = 0;
function applicant(): Record<string, unknown> {
  applicants += 1;
  return { identityNumber: residentId('19980412', applicants), birthDate: '1998-04-12', province: 'GD', institution: 'Shenzhen Polytechnic', certificateLevel: 'CERTIFICATE_LEVEL_JUNIOR', fullName: `Matrix ${applicants}` };
}

/** `track` overrides the track's fields, `closesInMs` the registration window's end. */
function spec(trackId?: string, track: Record<string, unknown> = {}, closesInMs = 3_600_000): Record<string, unknown> {
  const now = Date.now();
  const iso = (ms: number) => new Date(now + ms).toISOString();
  return {
    title: 'Role matrix cup',
    level: 'COMPETITION_LEVEL_NATIONAL',
    registrationOpensAt: iso(-60_000),
    registrationClosesAt: iso(closesInMs),
    startsAt: iso(closesInMs + 3_600_000),
    endsAt: iso(closesInMs + 7_200_000),
    tracks: [{ ...(trackId ? { trackId } : {}), name: 'Big data', occupationCode: '2-02-38-03', mode: 'TRACK_MODE_INDIVIDUAL', capacity: 100, waitlistEnabled: true, ...track }],
  };
}

const LOTTERY_CLOSES_IN_MS = 5_000;

interface Fixtures {
  /** A draft of `organizer` and the spec that edits it without changing it. */
  draft: { id: string; body: Record<string, unknown> };
  /** A published track of `organizer` with one registration of `contestant`. */
  published: { id: string; trackId: string; registrationId: string };
  freshDraft(): Promise<string>;
  /** A published competition of `organizer` whose end date has passed, ready to archive. */
  freshEnded(): Promise<string>;
  freshTrack(): Promise<{ id: string; trackId: string }>;
  freshRegistration(): Promise<string>;
  /** A team of `contestant` (leader) waiting for `contestant2`, its one invited member. */
  freshTeamInvitation(): Promise<string>;
  /** A registration of `contestant` offered the seat `contestant2` freed. */
  freshOffer(): Promise<string>;
  /** A registration of `contestant` waiting for `organizer`'s review. */
  freshPendingReview(): Promise<string>;
  /** A lottery track of `organizer` with one applicant, once its window has closed (and, drawn, once drawn). */
  closedLottery(): Promise<string>;
  drawnLottery(): Promise<string>;
}

type Expect = Readonly<Record<Persona, number>>;
type Call = (h: Harness, f: Fixtures, auth: Record<string, string>) => Promise<HttpResponse>;

const every = (status: number): Expect => Object.fromEntries(PERSONAS.map((p) => [p, status])) as Record<Persona, number>;
/** Signed-in only: anonymous 401, the listed personas `ok`, everyone else `denied`. */
const only = (ok: number, denied: number, ...allowed: Persona[]): Expect =>
  Object.fromEntries(PERSONAS.map((p) => [p, p === 'anonymous' ? 401 : allowed.includes(p) ? ok : denied])) as Record<Persona, number>;

const send = (method: string, url: (f: Fixtures) => string | Promise<string>, payload?: (f: Fixtures) => unknown): Call => async (h, f, auth) =>
  h.http.inject({ method, url: await url(f), ...(payload ? { payload: payload(f) } : {}), headers: auth });
const reg = (path: string) => (f: Fixtures, fresh: (f: Fixtures) => Promise<string>) => fresh(f).then((id) => `/v1/registrations/${id}/${path}`);
const roster = (f: Fixtures) => `/v1/competitions/${f.published.id}/tracks/${f.published.trackId}/registrations`;

const MATRIX: readonly [string, Call, Expect][] = [
  ['GET /v1/competitions', send('GET', () => '/v1/competitions'), every(200)],
  ['GET /v1/competitions/{published}', send('GET', (f) => `/v1/competitions/${f.published.id}`), every(200)],
  // A draft is invisible except to its organizer (and admins): the same answer as a missing one.
  ['GET /v1/competitions/{draft}', send('GET', (f) => `/v1/competitions/${f.draft.id}`), { ...every(404), organizer: 200, admin: 200 }],
  ['POST /v1/competitions', send('POST', () => '/v1/competitions', () => spec()), only(201, 403, 'organizer', 'organizer2', 'admin')],
  ['PATCH /v1/competitions/{draft}', send('PATCH', (f) => `/v1/competitions/${f.draft.id}`, (f) => f.draft.body), only(200, 403, 'organizer', 'admin')],
  ['POST /v1/competitions/{draft}/publish', send('POST', async (f) => `/v1/competitions/${await f.freshDraft()}/publish`), only(200, 403, 'organizer', 'admin')],
  // organizer2 has the role but not the competition: the service refuses them as it does an edit.
  ['POST /v1/competitions/{ended}/archive', send('POST', async (f) => `/v1/competitions/${await f.freshEnded()}/archive`, () => ({})), only(200, 403, 'organizer', 'admin')],
  [
    'POST /v1/competitions/{id}/tracks/{trackId}/registrations',
    send('POST', async (f) => {
      const t = await f.freshTrack();
      return `/v1/competitions/${t.id}/tracks/${t.trackId}/registrations`;
    }, () => ({ applicant: applicant() })),
    only(201, 403, 'contestant', 'contestant2'),
  ],
  ['GET /v1/me/registrations', send('GET', () => '/v1/me/registrations'), only(200, 403, ...PERSONAS)],
  // Someone else's registration is not found, unless you organize its competition.
  ['GET /v1/registrations/{contestant’s}', send('GET', (f) => `/v1/registrations/${f.published.registrationId}`), only(200, 404, 'contestant', 'organizer', 'admin')],
  ['POST /v1/registrations/{contestant’s}/withdraw', send('POST', async (f) => `/v1/registrations/${await f.freshRegistration()}/withdraw`), only(200, 403, 'contestant', 'organizer', 'admin')],
  ['GET roster', send('GET', roster), only(200, 403, 'organizer', 'admin')],
  ['GET roster (CSV)', send('GET', async (f) => `${roster(f)}?format=csv`), only(200, 403, 'organizer', 'admin')],
  // Only the invited member accepts; the leader is not invited to their own team.
  ['POST /v1/registrations/{team}/team/accept', send('POST', (f) => reg('team/accept')(f, (x) => x.freshTeamInvitation()), () => ({ applicant: applicant() })), only(200, 403, 'contestant2')],
  ['POST /v1/registrations/{offered}/offer/accept', send('POST', (f) => reg('offer/accept')(f, (x) => x.freshOffer())), only(200, 403, 'contestant')],
  ['POST /v1/registrations/{pending review}/review', send('POST', (f) => reg('review')(f, (x) => x.freshPendingReview()), () => ({ decision: 'reject', reason: 'Not eligible after all' })), only(200, 403, 'organizer', 'admin')],
  ['POST lottery-draw', send('POST', (f) => f.closedLottery()), only(200, 403, 'organizer', 'admin')],
  // The seed and order are public, so anyone can re-run the draw.
  ['GET lottery-draw', send('GET', (f) => f.drawnLottery()), every(200)],
];

describe('gateway: competition and registration routes × every role, against the real registration service', () => {
  let h: Harness;
  let registration: ServiceUnderTest;
  let tokens: Record<Persona, Record<string, string>>;
  let fixtures: Fixtures;
  let contestant2Id: string;

  beforeAll(async () => {
    const [grpcPort, adminPort] = [await freePort(), await freePort()];
    registration = startServiceProcess('registration', {
      KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:19092',
      MONGO_URL: process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27018',
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:16379',
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
      SERVICE_NAME: 'registration',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      GRPC_PORT: String(grpcPort),
      ADMIN_PORT: String(adminPort),
      REGISTRATION_DB: `gw_reg_matrix_${Date.now().toString(36)}`,
    });
    await waitForStatus(`http://127.0.0.1:${adminPort}/readyz`, 200, 60_000).catch((err: unknown) => {
      throw new Error(`registration did not start: ${String(err)}\n${registration.output()}`);
    });
    h = await startHarness('gw_reg_matrix', { REGISTRATION_GRPC_ADDR: `127.0.0.1:${grpcPort}`, DOWNSTREAM_DEADLINE_MS: '10000' });
    const sessions = await sessionsByRole(h);
    const organizer2 = await acceptAsNew(h.http, await invite(h.http, sessions.admin, 'organizer'));
    const second = await signup(h.http, 'contestant');
    const contestant2 = second.session;
    contestant2Id = second.account.id;
    const all: Record<Exclude<Persona, 'anonymous'>, Session> = { ...sessions, organizer2, contestant2 };
    tokens = { anonymous: {}, ...Object.fromEntries(Object.entries(all).map(([p, s]) => [p, bearer(s.accessToken)])) } as Record<Persona, Record<string, string>>;

    const as = (p: Persona) => tokens[p];
    const ok = async (res: Promise<HttpResponse>, status: number): Promise<Record<string, unknown>> => {
      const r = await res;
      if (r.statusCode !== status) throw new Error(`fixture: ${r.statusCode} ${r.body}`);
      return json(r);
    };
    const freshDraft = async (): Promise<string> => String((await ok(h.http.inject({ method: 'POST', url: '/v1/competitions', payload: spec(), headers: as('organizer') }), 201)).competitionId);
    const freshTrack = async (track: Record<string, unknown> = {}, closesInMs?: number) => {
      const id = String((await ok(h.http.inject({ method: 'POST', url: '/v1/competitions', payload: spec(undefined, track, closesInMs), headers: as('organizer') }), 201)).competitionId);
      const published = await ok(h.http.inject({ method: 'POST', url: `/v1/competitions/${id}/publish`, headers: as('organizer') }), 200);
      return { id, trackId: (published.spec as { tracks: { trackId: string }[] }).tracks[0]?.trackId ?? '' };
    };
    const freshEnded = async (): Promise<string> => {
      const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
      const past = { ...spec(), registrationOpensAt: hoursAgo(5), registrationClosesAt: hoursAgo(4), startsAt: hoursAgo(3), endsAt: hoursAgo(1) };
      const id = String((await ok(h.http.inject({ method: 'POST', url: '/v1/competitions', payload: past, headers: as('organizer') }), 201)).competitionId);
      await ok(h.http.inject({ method: 'POST', url: `/v1/competitions/${id}/publish`, headers: as('organizer') }), 200);
      return id;
    };
    const registerIn = async (t: { id: string; trackId: string }, who: Persona, body: Record<string, unknown> = {}): Promise<string> =>
      String((await ok(h.http.inject({ method: 'POST', url: `/v1/competitions/${t.id}/tracks/${t.trackId}/registrations`, payload: { applicant: applicant(), ...body }, headers: as(who) }), 201)).registrationId);
    const freshRegistration = async (): Promise<string> => registerIn(await freshTrack(), 'contestant');
    const freshTeamInvitation = async (): Promise<string> =>
      registerIn(await freshTrack({ mode: 'TRACK_MODE_TEAM', minTeamSize: 2, maxTeamSize: 2 }), 'contestant', { team: { name: 'Matrix team', memberAccountIds: [second.account.id] } });
    const freshOffer = async (): Promise<string> => {
      const t = await freshTrack({ capacity: 1, promotionMode: 'PROMOTION_MODE_OFFER' });
      const seated = await registerIn(t, 'contestant2');
      const waiting = await registerIn(t, 'contestant');
      await ok(h.http.inject({ method: 'POST', url: `/v1/registrations/${seated}/withdraw`, headers: as('contestant2') }), 200);
      const offered = await ok(h.http.inject({ method: 'GET', url: `/v1/registrations/${waiting}`, headers: as('contestant') }), 200);
      if (offered.status !== 'REGISTRATION_STATUS_OFFERED') throw new Error(`fixture: not offered: ${JSON.stringify(offered)}`);
      return waiting;
    };
    const freshPendingReview = async (): Promise<string> => registerIn(await freshTrack({ admissionMode: 'ADMISSION_MODE_REVIEW' }), 'contestant');
    // Created now so its window has closed by the time the matrix reaches it.
    const lottery = await freshTrack({ admissionMode: 'ADMISSION_MODE_LOTTERY' }, LOTTERY_CLOSES_IN_MS);
    const lotteryClosesAt = Date.now() + LOTTERY_CLOSES_IN_MS;
    await registerIn(lottery, 'contestant');
    const lotteryPath = `/v1/competitions/${lottery.id}/tracks/${lottery.trackId}/lottery-draw`;
    const closedLottery = async (): Promise<string> => {
      await sleep(Math.max(0, lotteryClosesAt - Date.now() + 500));
      return lotteryPath;
    };
    let drawn: Promise<unknown> | undefined;
    const drawnLottery = async (): Promise<string> => {
      drawn ??= closedLottery().then(() => ok(h.http.inject({ method: 'POST', url: lotteryPath, headers: as('organizer') }), 200));
      await drawn;
      return lotteryPath;
    };
    const draftId = await freshDraft();
    const draft = await ok(h.http.inject({ method: 'GET', url: `/v1/competitions/${draftId}`, headers: as('organizer') }), 200);
    const draftTrack = (draft.spec as { tracks: { trackId: string }[] }).tracks[0]?.trackId;
    const track = await freshTrack();
    const reg = await ok(h.http.inject({ method: 'POST', url: `/v1/competitions/${track.id}/tracks/${track.trackId}/registrations`, payload: { applicant: applicant() }, headers: as('contestant') }), 201);
    fixtures = {
      draft: { id: draftId, body: spec(draftTrack) },
      published: { ...track, registrationId: String(reg.registrationId) },
      freshDraft,
      freshEnded,
      freshTrack,
      freshRegistration,
      freshTeamInvitation,
      freshOffer,
      freshPendingReview,
      closedLottery,
      drawnLottery,
    };
  });
  afterAll(async () => {
    await h.close();
    registration.child.kill('SIGTERM');
    await registration.exited;
  });

  const cells = MATRIX.flatMap(([route, call, expected]) => PERSONAS.map((persona) => [route, persona, expected[persona], call] as const));
  it.each(cells)('%s as %s → %d', async (_route, persona, status, call) => {
    const res = await call(h, fixtures, tokens[persona]);
    expect(res.statusCode).toBe(status);
    if (status >= 400) expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('lists only your own registrations: another contestant never sees them', async () => {
    type Mine = { items: { registrationId: string; contestantAccountId: string; team?: { memberAccountIds: string[] } }[] };
    const mine = json<Mine>(await h.http.inject({ method: 'GET', url: '/v1/me/registrations?pageSize=100', headers: tokens.contestant }));
    const theirs = json<Mine>(await h.http.inject({ method: 'GET', url: '/v1/me/registrations?pageSize=100', headers: tokens.contestant2 }));
    expect(mine.items.map((r) => r.registrationId)).toContain(fixtures.published.registrationId);
    expect(theirs.items.map((r) => r.registrationId)).not.toContain(fixtures.published.registrationId);
    // Theirs are their own registrations and the teams that invited them, nothing else.
    expect(theirs.items.length).toBeGreaterThan(0);
    expect(theirs.items.filter((r) => r.contestantAccountId !== contestant2Id && !(r.team?.memberAccountIds ?? []).includes(contestant2Id))).toEqual([]);
  });

  it('leaves another organizer’s competition unchanged when their edit is refused', async () => {
    const before = json<{ version: string }>(await h.http.inject({ method: 'GET', url: `/v1/competitions/${fixtures.published.id}`, headers: tokens.organizer }));
    const res = await h.http.inject({ method: 'PATCH', url: `/v1/competitions/${fixtures.published.id}`, payload: { ...spec(fixtures.published.trackId), title: 'Hijacked' }, headers: tokens.organizer2 });
    expect(res.statusCode).toBe(403);
    expect(json(res)).toMatchObject({ code: 'DC_ERR_FORBIDDEN' });
    const after = json<{ version: string; spec: { title: string } }>(await h.http.inject({ method: 'GET', url: `/v1/competitions/${fixtures.published.id}` }));
    expect(after.spec.title).toBe('Role matrix cup');
    expect(after.version).toBe(before.version);
  });
});
