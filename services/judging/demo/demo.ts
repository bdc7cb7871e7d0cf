/**
 * `pnpm demo`: a whole competition through the public REST API of a running platform
 * (`./digicraft start` or `pnpm start`; DEMO_BASE_URL, default http://127.0.0.1:8080). An admin
 * invites an organizer, who publishes a competition with two tracks; contestants sign up and
 * register; judges are invited; track by track they are put on the panel and assigned without
 * conflicts, mark and submit, and the chief judge resolves disagreements and signs off; the
 * organizer publishes and the results are printed, then the time each step took. Any failure ends the process with
 * exit code 1 and says what it was waiting for or which request got which answer.
 *
 * Settings: DEMO_CONTESTANTS (200), DEMO_MARKERS_PER_TRACK (6), DEMO_ADMIN_EMAIL and
 * DEMO_ADMIN_PASSWORD (the bootstrap admin), DEMO_SEPARATE_CLIENTS (on: each person connects
 * from their own loopback address), DEMO_SEED (7), DEMO_SIGNUP_CONCURRENCY (16 contestants at a
 * time), DEMO_CHIEF_CONCURRENCY (2 entries at a time on a chief judge's review page).
 */
import { randomUUID } from 'node:crypto';
import { bootstrapAdmin, invite, type Person } from './accounts';
import { competitionSpec, contestantPlan, trackPlans } from './competition-plan';
import { signUpAndRegister } from './contestants';
import { ApiClient, isProblem, personAddress, retryCounts } from './http-client';
import { markTrack, reviewTrack, type EntryFacts, type MarkingStats } from './marking';
import { markerAffiliation, setUpTrack, type TrackPanel } from './panel-setup';
import { inPool } from '@digicraft/testkit';
import { seededRandom } from './resident-id';
import { StepClock } from './step-clock';
import { publishTrack } from './track-results';

const env = process.env;
const BASE_URL = env.DEMO_BASE_URL ?? 'http://127.0.0.1:8080';
const CONTESTANTS = Number(env.DEMO_CONTESTANTS ?? 200);
const MARKERS = Number(env.DEMO_MARKERS_PER_TRACK ?? 6);
const ADMIN_EMAIL = env.DEMO_ADMIN_EMAIL ?? 'admin@demo.digicraft.example';
// The password policy refuses a password containing the e-mail's name ("admin"), so neither may hold the other.
const ADMIN_PASSWORD = env.DEMO_ADMIN_PASSWORD ?? 'Bootstrap-2025-first-operator';
const SEPARATE_CLIENTS = (env.DEMO_SEPARATE_CLIENTS ?? 'on') !== 'off';
const SEED = Number(env.DEMO_SEED ?? 7);
const SIGNUP_CONCURRENCY = Number(env.DEMO_SIGNUP_CONCURRENCY ?? 16);
const CHIEF_CONCURRENCY = Number(env.DEMO_CHIEF_CONCURRENCY ?? 2);
const PASSWORD = 'Demo-pass-2025-x';

const t0 = Date.now();
const log = (line: string): void => console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${line}`);
const clock = new StepClock(log);

function total(stats: readonly MarkingStats[], key: keyof MarkingStats): number {
  return stats.reduce((sum, s) => sum + s[key], 0);
}

async function main(): Promise<string[]> {
  const runId = randomUUID().slice(0, 8);
  const tracks = trackPlans(runId);
  for (const [name, value, min] of [['DEMO_CONTESTANTS', CONTESTANTS, 2 * tracks.length], ['DEMO_MARKERS_PER_TRACK', MARKERS, 3], ['DEMO_SIGNUP_CONCURRENCY', SIGNUP_CONCURRENCY, 1], ['DEMO_CHIEF_CONCURRENCY', CHIEF_CONCURRENCY, 1]] as const) {
    if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number ≥ ${min}`);
  }
  let person = 0;
  const clientFor = (): ApiClient => new ApiClient({ baseUrl: BASE_URL, localAddress: personAddress(BASE_URL, person++, SEPARATE_CLIENTS) });
  const public_ = clientFor();
  log(`platform ${BASE_URL}, run ${runId}, ${CONTESTANTS} contestants`);

  const organizer = await clock.step('admin signs in, invites the organizer', async () => {
    const admin = await bootstrapAdmin(clientFor(), ADMIN_EMAIL, ADMIN_PASSWORD, log);
    const joined = await invite(admin, clientFor(), 'organizer', `organizer-${runId}@demo.digicraft.example`, PASSWORD, 'Demo Organizer');
    log(`admin signed in; organizer ${joined.email} joined by invitation`);
    return joined;
  });

  const competitionId = await clock.step('organizer creates and publishes the competition', async () => {
    const perTrack = Math.ceil(CONTESTANTS / tracks.length);
    const created = await organizer.api.post<{ competitionId: string }>('/v1/competitions', competitionSpec(`Digital Craftsmen Cup ${runId}`, tracks, perTrack + 10));
    // A retried publish may find its first attempt done; the read below checks it is open.
    await organizer.api.post(`/v1/competitions/${created.competitionId}/publish`).catch((e: unknown) => {
      if (!isProblem(e, 'DC_ERR_INVALID_STATE')) throw e;
    });
    const listed = await public_.get<{ registrationOpen?: boolean }>(`/v1/competitions/${created.competitionId}`);
    if (listed.registrationOpen !== true) throw new Error('the published competition is not open for registration');
    log(`competition ${created.competitionId} published with tracks ${tracks.map((t) => t.trackId).join(', ')}`);
    return created.competitionId;
  });

  const registered = await clock.step(`${CONTESTANTS} contestants sign up and register (${SIGNUP_CONCURRENCY} at a time)`, async () => {
    const random = seededRandom(SEED);
    const plans = Array.from({ length: CONTESTANTS }, (_, n) => contestantPlan(n, runId, tracks, random));
    const answered = await signUpAndRegister(plans, { baseUrl: BASE_URL, password: PASSWORD, competitionId, separateClients: SEPARATE_CLIENTS, concurrency: SIGNUP_CONCURRENCY });
    const notConfirmed = answered.filter((r) => r.status !== 'REGISTRATION_STATUS_CONFIRMED');
    if (notConfirmed.length > 0) throw new Error(`${notConfirmed.length} registrations were not confirmed (first: ${notConfirmed[0]?.status ?? ''})`);
    log(`${answered.length} contestants signed up and registered (GB 11643 identity numbers, all confirmed)`);
    return answered;
  });

  const panels = await clock.step('judges accept their invitations', async () => {
    const judgeSeats = tracks.flatMap((track, t) => [...Array.from({ length: MARKERS }, (_, i) => ({ track, t, i, chief: false })), { track, t, i: MARKERS, chief: true }]);
    const judges = await inPool(judgeSeats, 8, (seat) =>
      invite(organizer, clientFor(), 'judge', `judge-${seat.t}-${seat.i}-${runId}@demo.digicraft.example`, PASSWORD, seat.chief ? `Chief judge ${seat.track.name}` : `Judge ${seat.i + 1}`),
    );
    log(`${judges.length} judges accepted their invitations (${MARKERS} markers and a chief judge per track)`);
    return tracks.map((track): TrackPanel => {
      const seats = judgeSeats.map((s, k) => ({ ...s, person: judges[k] as Person })).filter((s) => s.track === track);
      return {
        track,
        markers: seats.filter((s) => !s.chief).map((s) => ({ person: s.person, ...markerAffiliation(s.i + s.t * 3) })),
        chief: (seats.find((s) => s.chief) as { person: Person }).person,
      };
    });
  });
  const judgeCount = panels.reduce((n, p) => n + p.markers.length + 1, 0);
  const entriesOf = (panel: TrackPanel): string[] => registered.filter((r) => r.plan.trackId === panel.track.trackId).map((r) => r.registrationId);

  // One panel at a time: on a store that serializes writes (FerretDB here) two panels at once
  // only make every request slower and push some past the gateway's deadline.
  const facts = new Map<string, EntryFacts>(registered.map((r) => [r.registrationId, { skill: r.plan.skill, province: r.plan.province }]));
  const stats: MarkingStats[] = [];
  let assignments = 0;
  for (const [t, panel] of panels.entries()) {
    const name = panel.track.trackId;
    const entryIds = entriesOf(panel);
    const plan = await clock.step(`${name}: organizer sets up judging (scheme, panel, entries, assignments)`, () => setUpTrack(organizer, competitionId, panel, entryIds.length, log));
    assignments += plan.assignments;
    const load = new Map(plan.load.map((l) => [l.judgeAccountId, l.entries]));
    const marking = await clock.step(`${name}: ${panel.markers.length} judges mark and submit ${plan.assignments} sheets`, () => markTrack(panel, load, competitionId, facts, entryIds, SEED + t));
    stats.push(marking.stats);
    if (marking.stats.conflictsSeen > 0) throw new Error(`${name}: ${marking.stats.conflictsSeen} entries were assigned to a judge from the contestant's own province`);
    if (marking.stats.submits !== plan.assignments) throw new Error(`${name}: ${marking.stats.submits} mark sheets submitted for ${plan.assignments} assignments`);
    await clock.step(`${name}: chief judge resolves flags and signs off ${entryIds.length} entries (${CHIEF_CONCURRENCY} at a time)`, () => reviewTrack(marking, CHIEF_CONCURRENCY));
    if (marking.stats.signedOff !== entryIds.length) throw new Error(`${name}: ${marking.stats.signedOff} entries signed off, expected ${entryIds.length}`);
    log(`${name}: every entry marked, submitted and signed off (${marking.stats.flagged} flags, each resolved by the chief judge with a reason)`);
  }
  const submits = total(stats, 'submits');
  const signedOff = total(stats, 'signedOff');

  const outcomes = await clock.step('organizer publishes; results read back and checked; ledgers verified', () =>
    inPool(panels, 1, (panel) => publishTrack(organizer, public_, competitionId, panel, entriesOf(panel))),
  );
  log(`every one of the ${registered.length} contestants has a rank in the published results`);
  console.log(`\n${outcomes.map((o) => o.table).join('\n\n')}\n`);
  return [
    `competition ${competitionId}: ${registered.length} contestants, ${judgeCount} judges, ${assignments} assignments`,
    `marking: ${total(stats, 'saves')} saves, ${submits} submits, ${total(stats, 'resolved')} flagged aspects resolved, ${signedOff} sign-offs`,
    ...outcomes.map((o) => o.summary),
    `retried: ${retryCounts.unavailable} answers 503 (service busy or past the gateway's deadline), ${retryCounts.rateLimited} answers 429 (rate limit)`,
    ...clock.summary(),
  ];
}

main().then(
  (summary) => {
    console.log(`DEMO OK in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    for (const line of summary) console.log(line);
    process.exit(0);
  },
  (error: unknown) => {
    console.error(`DEMO FAILED after ${((Date.now() - t0) / 1000).toFixed(1)} s: ${error instanceof Error ? error.message : String(error)}`);
    for (const line of clock.summary()) console.error(line);
    process.exit(1);
  },
);
