/**
 * `pnpm demo`: a whole competition through the public REST API of a running platform
 * (`pnpm start`; DEMO_BASE_URL, default http://127.0.0.1:8080). An admin invites an organizer,
 * who publishes a competition with two tracks; contestants sign up and register; judges are
 * invited, put on the panels and assigned without conflicts; they mark and submit; the chief
 * judges resolve disagreements and sign off; the organizer publishes and the results are printed.
 * Any failure ends the process with exit code 1.
 *
 * Settings: DEMO_CONTESTANTS (200), DEMO_MARKERS_PER_TRACK (6), DEMO_ADMIN_EMAIL and
 * DEMO_ADMIN_PASSWORD (the bootstrap admin), DEMO_SEPARATE_CLIENTS (on: each person connects
 * from their own loopback address), DEMO_SEED (7).
 */
import { randomUUID } from 'node:crypto';
import { bootstrapAdmin, invite, type Person } from './accounts';
import { competitionSpec, contestantPlan, markingScheme, trackPlans } from './competition-plan';
import { signUpAndRegister } from './contestants';
import { ApiClient, isProblem, personAddress } from './http-client';
import { judgeTrack, type EntryFacts, type MarkingStats } from './marking';
import { markerAffiliation, setUpTrack, type TrackPanel } from './panel-setup';
import { inPool } from './pool';
import { seededRandom } from './resident-id';
import { checkStandings, formatTable, publishAndRead, type PublishedResults } from './results-table';

const env = process.env;
const BASE_URL = env.DEMO_BASE_URL ?? 'http://127.0.0.1:8080';
const CONTESTANTS = Number(env.DEMO_CONTESTANTS ?? 200);
const MARKERS = Number(env.DEMO_MARKERS_PER_TRACK ?? 6);
const ADMIN_EMAIL = env.DEMO_ADMIN_EMAIL ?? 'admin@demo.digicraft.example';
const ADMIN_PASSWORD = env.DEMO_ADMIN_PASSWORD ?? 'Bootstrap-2025-first-admin';
const SEPARATE_CLIENTS = (env.DEMO_SEPARATE_CLIENTS ?? 'on') !== 'off';
const SEED = Number(env.DEMO_SEED ?? 7);
const PASSWORD = 'Demo-pass-2025-x';

const t0 = Date.now();
const log = (line: string): void => console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${line}`);

async function main(): Promise<string[]> {
  const runId = randomUUID().slice(0, 8);
  const tracks = trackPlans(runId);
  if (!Number.isInteger(CONTESTANTS) || CONTESTANTS < 2 * tracks.length) throw new Error(`DEMO_CONTESTANTS must be a whole number ≥ ${2 * tracks.length}`);
  let person = 0;
  const clientFor = (): ApiClient => new ApiClient({ baseUrl: BASE_URL, localAddress: personAddress(BASE_URL, person++, SEPARATE_CLIENTS) });
  const public_ = clientFor();
  log(`platform ${BASE_URL}, run ${runId}, ${CONTESTANTS} contestants`);

  const admin = await bootstrapAdmin(clientFor(), ADMIN_EMAIL, ADMIN_PASSWORD, log);
  const organizer = await invite(admin, clientFor(), 'organizer', `organizer-${runId}@demo.digicraft.example`, PASSWORD, 'Demo Organizer');
  log(`admin signed in; organizer ${organizer.email} joined by invitation`);

  const perTrack = Math.ceil(CONTESTANTS / tracks.length);
  const created = await organizer.api.post<{ competitionId: string }>('/v1/competitions', competitionSpec(`Digital Craftsmen Cup ${runId}`, tracks, perTrack + 10));
  const competitionId = created.competitionId;
  // A retried publish may find its first attempt done; the read below checks it is open.
  await organizer.api.post(`/v1/competitions/${competitionId}/publish`).catch((e: unknown) => {
    if (!isProblem(e, 'DC_ERR_INVALID_STATE')) throw e;
  });
  const listed = await public_.get<{ registrationOpen?: boolean }>(`/v1/competitions/${competitionId}`);
  if (listed.registrationOpen !== true) throw new Error('the published competition is not open for registration');
  log(`competition ${competitionId} published with tracks ${tracks.map((t) => t.trackId).join(', ')}`);

  const random = seededRandom(SEED);
  const plans = Array.from({ length: CONTESTANTS }, (_, n) => contestantPlan(n, runId, tracks, random));
  const registered = await signUpAndRegister(plans, { baseUrl: BASE_URL, password: PASSWORD, competitionId, separateClients: SEPARATE_CLIENTS, concurrency: 16 });
  const notConfirmed = registered.filter((r) => r.status !== 'REGISTRATION_STATUS_CONFIRMED');
  if (notConfirmed.length > 0) throw new Error(`${notConfirmed.length} registrations were not confirmed (first: ${notConfirmed[0]?.status ?? ''})`);
  log(`${registered.length} contestants signed up and registered (GB 11643 identity numbers, all confirmed)`);

  const judgeSeats = tracks.flatMap((track, t) => [...Array.from({ length: MARKERS }, (_, i) => ({ track, t, i, chief: false })), { track, t, i: MARKERS, chief: true }]);
  const judges = await inPool(judgeSeats, 8, (seat) =>
    invite(organizer, clientFor(), 'judge', `judge-${seat.t}-${seat.i}-${runId}@demo.digicraft.example`, PASSWORD, seat.chief ? `Chief judge ${seat.track.name}` : `Judge ${seat.i + 1}`),
  );
  const panels: TrackPanel[] = tracks.map((track) => {
    const seats = judgeSeats.map((s, k) => ({ ...s, person: judges[k] as Person })).filter((s) => s.track === track);
    return {
      track,
      markers: seats.filter((s) => !s.chief).map((s) => ({ person: s.person, ...markerAffiliation(s.i + s.t * 3) })),
      chief: (seats.find((s) => s.chief) as { person: Person }).person,
    };
  });
  log(`${judges.length} judges accepted their invitations (${MARKERS} markers and a chief judge per track)`);

  const facts = new Map<string, EntryFacts>(registered.map((r) => [r.registrationId, { skill: r.plan.skill, province: r.plan.province }]));
  const stats: MarkingStats = { saves: 0, submits: 0, flagged: 0, resolved: 0, signedOff: 0, conflictsSeen: 0 };
  const summary: string[] = [];
  const tables: string[] = [];
  let assignments = 0;
  for (const [t, panel] of panels.entries()) {
    const entryIds = registered.filter((r) => r.plan.trackId === panel.track.trackId).map((r) => r.registrationId);
    const plan = await setUpTrack(organizer, competitionId, panel, entryIds.length, log);
    assignments += plan.assignments;
    await judgeTrack(panel, competitionId, facts, entryIds, stats, SEED + t);
    if (stats.conflictsSeen > 0) throw new Error(`${stats.conflictsSeen} entries were assigned to a judge from the contestant's own province`);
    log(`${panel.track.trackId}: marked, submitted and signed off (${stats.flagged} flags so far, each resolved by the chief judge with a reason)`);

    const results: PublishedResults = await publishAndRead(organizer, public_, competitionId, panel.track.trackId);
    const { medals } = markingScheme(panel.track).results as { medals: { gold: number; silver: number; bronze: number } };
    checkStandings(panel.track.trackId, results, entryIds.length, medals);
    const ledger = await organizer.api.get<{ ok: boolean; records: number }>(`/v1/competitions/${competitionId}/tracks/${panel.track.trackId}/ledger/verify`);
    if (!ledger.ok) throw new Error(`${panel.track.trackId}: the audit ledger does not verify`);
    tables.push(formatTable(panel.track.name, results));
    const winner = results.standings[0];
    summary.push(`  ${panel.track.trackId.padEnd(14)} ${results.standings.length} ranked, winner ${winner?.entryCode ?? '-'} (${winner?.rawTotal.toFixed(2) ?? '-'} raw, ${winner?.standardized.toFixed(2) ?? '-'} std), ledger ok (${ledger.records} records)`);
  }
  if (stats.submits !== assignments) throw new Error(`${stats.submits} mark sheets submitted for ${assignments} assignments`);
  console.log(`\n${tables.join('\n\n')}\n`);
  return [
    `competition ${competitionId}: ${registered.length} contestants, ${judges.length} judges, ${assignments} assignments`,
    `marking: ${stats.saves} saves, ${stats.submits} submits, ${stats.resolved} flagged aspects resolved, ${stats.signedOff} sign-offs`,
    ...summary,
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
    process.exit(1);
  },
);
