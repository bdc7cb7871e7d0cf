/** Probe: register() in-process (no gateway, no gRPC) at concurrency 200, to locate the bottleneck. */
import { closeStore, connectStore, ensureIndexes } from '@digicraft/store';
import { createLogger } from '@digicraft/logging';
import { register } from '../src/app/register';
import { createCompetition, publishCompetition } from '../src/app/competitions';
import { buildDeps } from '../src/service-spec';
import { registerRegistrationModels } from '../src/store/models';
import { DEVELOPMENT_DATA_KEY } from '../src/config';
import { makeResidentId } from '../src/domain/resident-id';

async function main(): Promise<void> {
  const logger = createLogger({ service: 'probe', level: 'warn' });
  const conn = await connectStore({ url: 'mongodb://127.0.0.1:27018', dbName: `probe_${Date.now()}`, logger, maxPoolSize: Number(process.env.POOL ?? 20) });
  registerRegistrationModels(conn);
  await ensureIndexes(conn);
  const deps = buildDeps({ connection: conn, logger, relay: { enqueue: () => undefined } as never }, Buffer.from(DEVELOPMENT_DATA_KEY, 'hex'));
  const timing = new Map<string, number>();
  const wrap = <T extends object>(o: T, names: string[]) => {
    for (const n of names) {
      const rec = o as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
      const f = rec[n]?.bind(o);
      if (f === undefined) continue;
      rec[n] = async (...a: unknown[]) => { const t = performance.now(); try { return await f(...a); } finally { timing.set(n, (timing.get(n) ?? 0) + performance.now() - t); } };
    }
  };
  wrap(deps.registrations, ['findById', 'insert', 'seatFields', 'ofTrack']);
  wrap(deps.competitions, ['findCached']);
  wrap(deps.seats, ['pickSeat', 'pickQueue', 'seemsFree']);
  const now = Date.now();
  const track = { trackId: '', name: 'T', description: '', occupationCode: '2-02-38-03', format: 'individual' as const, minTeamSize: 1, maxTeamSize: 1, capacity: 200, waitlistEnabled: true, waitlistLimit: 0, eligibility: { provinces: [], requiredCertificateLevel: 'none' as const, uniqueness: 'track' as const }, quotas: [], admission: 'first-come' as const, promotion: 'automatic' as const, offerAcceptanceHours: 24, teamCompletionHours: 24 };
  const c = await createCompetition(deps, { id: 'org', isAdmin: false }, { title: 't', description: 'd', occupation: 'o', level: 'national', registrationOpensAt: new Date(now - 60_000), registrationClosesAt: new Date(now + 3_600_000), startsAt: new Date(now + 7_200_000), endsAt: new Date(now + 9_000_000), tracks: [track] });
  const p = await publishCompetition(deps, { id: 'org', isAdmin: false }, c.competitionId, 0);
  const trackId = p.tracks[0]?.trackId ?? '';
  const N = 2000;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: 200 }, async () => {
    while (next < N) {
      const i = next++;
      const ymd = `199${i % 10}0${1 + (Math.floor(i / 10) % 9)}${String(1 + (Math.floor(i / 90) % 28)).padStart(2, '0')}`;
      await register(deps, { accountId: `a${i}`, competitionId: c.competitionId, trackId, applicant: { identityNumber: makeResidentId('110105', ymd, Math.floor(i / 2520)), birthDate: `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6)}`, province: 'GD', institution: 'X', certificateLevel: 'junior', fullName: 'N' } });
    }
  }));
  process.stdout.write(`in-process register: ${Math.round(N / ((performance.now() - t0) / 1000))}/s\n`);
  process.stdout.write(`${JSON.stringify(Object.fromEntries([...timing].map(([k, v]) => [k, Math.round(v / N)])))} ms/request (summed over concurrent)\n`);
  await closeStore(conn);
}
void main();
