/**
 * Registration benchmark: 10,000 registrations for ONE track of capacity 1,000 at concurrency
 * 200, from distinct contestants with valid tokens (minted with the gateway's configured signing
 * key), through the gateway, against the built gateway and registration processes and the real
 * Kafka / FerretDB / Redis. Before that, the same atomic seat claim directly against the store
 * at the same concurrency (rawClaimsPerSec: one insertOne of the registration with its unique
 * seat keys per claim, into an empty collection with the same indexes in a database of its own,
 * so both start from the same size and no relay sweeps the raw documents). The service group-commits its claims (one
 * insertMany for whatever arrived together), which is why it can beat the plain raw claim;
 * rawBatchedClaimsPerSec is that same group commit driven directly, for comparison.
 * Last line: one JSON object.
 * A warm-up of BENCH_WARMUP (1,000) registrations by other contestants on another published
 * track, at the same concurrency, runs first and is not timed (as the gateway bench warms up).
 * Env: BENCH_REQUESTS (10000), BENCH_CONCURRENCY (200), BENCH_CAPACITY (1000),
 * BENCH_PROFILE_DIR (CPU profiles of the gateway and registration processes are written there),
 * BENCH_SERVICE_NODE_ARGS (more node options for both processes),
 * REGISTRATION_CLAIM_LINGER_MS (passed to the service, to compare group-commit settings).
 */
import mongoose from 'mongoose';
import { outboxFieldsForInsert } from '@digicraft/messaging';
import { connectStore, closeStore, ensureIndexes } from '@digicraft/store';
import { inPool, percentile } from '@digicraft/testkit';
import { createLogger } from '@digicraft/logging';
import { seatFields } from '../src/app/seat-claim';
import { DEVELOPMENT_DATA_KEY } from '../src/config';
import { confirmedEvent, waitlistedEvent } from '../src/events/registration-events';
import { IdentityCipher } from '../src/store/identity-cipher';
import { RegistrationRepository } from '../src/store/registration-repository';
import { registrationCollections } from '../src/store/models';
import { applicant, publishedTrack } from '../test/support/api';
import { KeepAliveClient } from './keep-alive-client';
import { startStack } from '../test/support/stack';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 200);
const CAPACITY = Number(process.env.BENCH_CAPACITY ?? 1_000);
/** Registrations on a track of their own before the measured burst (JIT, connections, pools), not timed. */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1_000);

/** Runs `work(0..n-1)` at `concurrency`; returns the seconds it took. */
async function timedPool(n: number, concurrency: number, work: (i: number) => Promise<void>): Promise<number> {
  const started = performance.now();
  await inPool(Array.from({ length: n }, (_, i) => i), concurrency, work);
  return (performance.now() - started) / 1000;
}


/**
 * The raw claim: the service's registration document (same collection, same unique seat
 * indexes, same shape with its sealed identity and outbox event), numbered by a plain counter,
 * at the same concurrency, either one insertOne per claim or through the repository's group
 * commit. Documents are built before the clock starts: only the claims are timed.
 */
async function rawClaims(mongoUrl: string, db: string, mode: 'insertOne' | 'batched'): Promise<number> {
  const logger = createLogger({ service: 'bench', level: 'warn' });
  const conn: mongoose.Connection = await connectStore({ url: mongoUrl, dbName: db, logger });
  const collection = registrationCollections(conn).registrations;
  await ensureIndexes(conn);
  const trackId = `trk_raw-bench-${mode}`;
  try {
    const repo = new RegistrationRepository(collection);
    const cipher = new IdentityCipher(Buffer.from(DEVELOPMENT_DATA_KEY, 'hex'));
    const now = new Date();
    const docs = Array.from({ length: REQUESTS }, (_, i) => {
      const id = `${trackId}:${cipher.personKey(`raw-${i}`)}`;
      const seated = i < CAPACITY;
      const base = {
        _id: id,
        competitionId: 'cmp_raw-bench',
        trackId,
        scopeId: trackId,
        contestantAccountId: `raw-${i}`,
        status: seated ? ('confirmed' as const) : ('waitlisted' as const),
        version: 1,
        ...seatFields(trackId, id, seated ? { seat: i + 1, quotas: [] } : undefined, seated ? undefined : { n: i - CAPACITY + 1, position: i - CAPACITY + 1 }),
        applicant: { identitySealed: cipher.encrypt(`raw-${i}`), identityMasked: '1101**********0000', fullNameSealed: cipher.encrypt(`Raw ${i}`), birthDate: '1995-01-01', province: 'GD', institution: 'Bench', certificateLevel: 'junior' as const },
        createdAt: now,
        updatedAt: now,
      };
      return { doc: base, events: [seated ? confirmedEvent(base, 1, false) : waitlistedEvent(base, 1, i - CAPACITY + 1)] };
    });
    const seconds = await timedPool(REQUESTS, CONCURRENCY, async (i) => {
      const d = docs[i];
      if (d === undefined) return;
      if (mode === 'batched') await repo.insert(d.doc, d.events);
      else await collection.insertOne({ ...d.doc, ...outboxFieldsForInsert(d.events) });
    });
    return REQUESTS / seconds;
  } finally {
    await conn.dropDatabase();
    await closeStore(conn);
  }
}

async function main(): Promise<void> {
  const nodeArgs = [process.env.BENCH_PROFILE_DIR ? `--cpu-prof --cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}` : '', process.env.BENCH_SERVICE_NODE_ARGS ?? ''].join(' ').trim();
  const profile: Record<string, string> = nodeArgs === '' ? {} : { SERVICE_NODE_ARGS: nodeArgs };
  const linger = process.env.REGISTRATION_CLAIM_LINGER_MS;
  const stack = await startStack('bench', { LOG_LEVEL: 'error', ...profile }, { ...profile, ...(linger === undefined ? {} : { REGISTRATION_CLAIM_LINGER_MS: linger }) });
  try {
    const raw = await rawClaims(stack.mongoUrl, `${stack.registrationDb}_raw`, 'insertOne');
    const rawBatched = await rawClaims(stack.mongoUrl, `${stack.registrationDb}_raw`, 'batched');
    const organizer = stack.token('org-bench', ['organizer']);
    const { competitionId, trackId } = await publishedTrack(stack.gatewayUrl, organizer, { capacity: CAPACITY, waitlistEnabled: true, waitlistCapacity: 0 });
    const tokens = Array.from({ length: REQUESTS }, (_, i) => stack.token(`contestant-${i}`, ['contestant']));
    const timeline: { at: number; ms: number }[] = [];
    const statusCounts = new Map<string, number>();
    let serverErrors = 0;
    let otherErrors = 0;
    const path = `/v1/competitions/${competitionId}/tracks/${trackId}/registrations`;
    const client = new KeepAliveClient(stack.gatewayUrl, CONCURRENCY);
    if (WARMUP > 0) {
      const warm = await publishedTrack(stack.gatewayUrl, organizer, { capacity: Math.ceil(WARMUP / 10), waitlistEnabled: true, waitlistCapacity: 0 });
      const warmPath = `/v1/competitions/${warm.competitionId}/tracks/${warm.trackId}/registrations`;
      await timedPool(WARMUP, CONCURRENCY, async (i) => {
        const res = await client.post(warmPath, stack.token(`warmup-${i}`, ['contestant']), { applicant: applicant(REQUESTS + i) });
        if (res.status !== 201) throw new Error(`warm-up registration failed: ${res.status} ${JSON.stringify(res.body)}`);
      });
    }
    const bodies = Array.from({ length: REQUESTS }, (_, i) => ({ applicant: applicant(i) }));
    const seconds = await timedPool(REQUESTS, CONCURRENCY, async (i) => {
      const t0 = performance.now();
      const res = await client.post(path, tokens[i] ?? '', bodies[i]);
      timeline.push({ at: t0, ms: performance.now() - t0 });
      if (res.status >= 500) serverErrors += 1;
      else if (res.status !== 201) otherErrors += 1;
      else statusCounts.set(String(res.body.status), (statusCounts.get(String(res.body.status)) ?? 0) + 1);
    });
    client.close();
    const rps = REQUESTS / seconds;
    // Ground truth from the store: what is really there, not what the answers said.
    const conn = await connectStore({ url: stack.mongoUrl, dbName: stack.registrationDb, logger: createLogger({ service: 'bench', level: 'warn' }) });
    const regs = await registrationCollections(conn).registrations.find({ trackId }, { projection: { contestantAccountId: 1, status: 1, seat: 1 } }).toArray();
    await closeStore(conn);
    const confirmed = regs.filter((r) => r.status === 'confirmed').length;
    const waitlisted = regs.filter((r) => r.status === 'waitlisted').length;
    const accounts = new Set(regs.map((r) => r.contestantAccountId));
    const latencies = timeline.map((t) => t.ms).sort((a, b) => a - b);
    // Diagnostic: where in the run the slow answers were (p50/p99 per tenth of the requests, by start time).
    timeline.sort((a, b) => a.at - b.at);
    const tenths = Array.from({ length: 10 }, (_, k) => {
      const slice = timeline.slice((k * timeline.length) / 10, ((k + 1) * timeline.length) / 10).map((t) => t.ms).sort((a, b) => a - b);
      return `${Math.round(percentile(slice, 50))}/${Math.round(percentile(slice, 99))}`;
    });
    process.stdout.write(`p50/p99 ms by tenth of the run: ${tenths.join(' ')}\n`);
    if (process.env.BENCH_SLOW_DETAIL === '1') {
      const first = timeline[0]?.at ?? 0;
      const slow = new Map<number, number>();
      for (const t of timeline) if (t.ms > 400) slow.set(Math.floor((t.at - first) / 250), (slow.get(Math.floor((t.at - first) / 250)) ?? 0) + 1);
      process.stdout.write(`answers over 400 ms by start (250 ms buckets): ${JSON.stringify(Object.fromEntries(slow))}\n`);
    }
    process.stdout.write(`answers: ${JSON.stringify(Object.fromEntries(statusCounts))} otherErrors=${otherErrors} seconds=${seconds.toFixed(1)}\n`);
    process.stdout.write(
      `${JSON.stringify({
        bench: 'registration',
        requests: REQUESTS,
        rps: Math.round(rps),
        p50Ms: Math.round(percentile(latencies, 50)),
        p99Ms: Math.round(percentile(latencies, 99)),
        confirmed,
        waitlisted,
        overbooked: Math.max(0, confirmed - CAPACITY),
        duplicates: regs.length - accounts.size,
        serverErrors,
        rawClaimsPerSec: Math.round(raw),
        ratio: Math.round((rps / raw) * 1000) / 1000,
        rawBatchedClaimsPerSec: Math.round(rawBatched),
      })}\n`,
    );
  } finally {
    await stack.close();
    // A benchmark leaves nothing behind: on FerretDB every database is files and pools of its own.
    const conn = await connectStore({ url: stack.mongoUrl, dbName: stack.registrationDb, logger: createLogger({ service: 'bench', level: 'warn' }) });
    for (const name of [stack.registrationDb, stack.gatewayDb]) await conn.useDb(name).dropDatabase().catch(() => undefined);
    await closeStore(conn);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
