/**
 * `pnpm bench:judging`. Real processes: the built gateway and the built judging service, each in
 * its own process, on the real Kafka, FerretDB and Redis. Last line: one JSON object.
 *
 * (1) 200 judges (BENCH_JUDGES) save marks through the gateway, each working through their
 * assigned entries of a 600-entry track (BENCH_SAVE_ENTRIES, 3 judges per entry): per entry a full
 * save of 30 marks, then an auto-save changing one mark. Two load models, each on its own track,
 * closed loop first (which also warms the processes up), then paced:
 * - `saves`, `savesPerSec`, `saveP50Ms`, `saveP99Ms` — PACED, the model the ≤ 100 ms target is
 *   about: all 200 judges at once, each auto-saving like a marking page, one save every
 *   `pacedSaveIntervalMs` ± `pacedSaveJitterMs` (uniform; first save at a random phase), so
 *   the offered load is judges / interval (200 saves/s). One judge never has two saves in flight.
 * - `saturatedSaves`, `saturatedSavesPerSec`, `saturatedP50Ms`, `saturatedP99Ms` — CLOSED LOOP:
 *   each judge fires the next save the instant the previous one answers (no think time), i.e.
 *   the throughput ceiling; latency there is mostly queueing (≈ judges / throughput).
 * - `pacedCpuMicrosPerSave`, `saturatedCpuMicrosPerSave` — CPU µs per save of each process
 *   (utime+stime from /proc); ferretdb and kafka are shared with whatever else runs meanwhile.
 * (2) `resultsEntries`, `resultsMs`: a track of 2,000 entries × 30 aspects × 3 judges: marks
 * seeded straight into the store, a sample of entries signed off through the API and the rest in
 * bulk through the store (the per-entry score computed from the marks by the service's scoring
 * either way), then the results published through the API (ranking, standardization, medals
 * over all entries), which is what resultsMs times.
 * `signOffMsPerEntry` (with `signOffStoreOps`, `signOffCpuMicros` per sign-off): the API sign-offs
 * after the track's first (`signOffFirstMs`, which loads the track's views once per process).
 * `statisticsMs` (with `statisticsStoreOps`, `statisticsCpuMicros`): the chief judge's panel
 * statistics over the whole track.
 *
 * Profiling: BENCH_JUDGING_NODE_FLAGS / BENCH_GATEWAY_NODE_FLAGS add node flags to the service
 * processes, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` (the profile is written on their exit).
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { openSync } from 'node:fs';
import path from 'node:path';
import mongoose from 'mongoose';
import { SERVICE_TOPICS } from '@digicraft/contracts';
import { startGroupAtEnd } from '@digicraft/messaging';
import { freePort, inPool, measureCpu, percentile, pidMatching, waitForStatus } from '@digicraft/testkit';
import { ApiClient } from '../demo/http-client';
import { benchMarks, benchScheme } from './bench-scheme';
import { opsPerUnit, type StoreOpCounts } from './store-op-counter';
import { closedLoop, paced, plannedSaves, type Pacing, type SaveRun } from './save-load';
import type { SheetDoc } from '../src/store/documents';
import { bulkSignOff } from './bulk-sign-off';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const JUDGES = Number(process.env.BENCH_JUDGES ?? 200);
const SAVE_ENTRIES = Number(process.env.BENCH_SAVE_ENTRIES ?? 600);
const RESULT_ENTRIES = Number(process.env.BENCH_RESULT_ENTRIES ?? 2000);
const API_SIGN_OFFS = Number(process.env.BENCH_API_SIGN_OFFS ?? 20);
/** A marking page auto-saving: one save per judge per second on average (never lighter than that). */
const PACING: Pacing = { intervalMs: Number(process.env.BENCH_PACED_INTERVAL_MS ?? 1000), jitterMs: Number(process.env.BENCH_PACED_JITTER_MS ?? 250) };
/** Extra node flags for the two service processes, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`. */
const execArgvOf = (name: string): string[] => (process.env[name] ?? '').split(' ').filter((a) => a !== '');
/** BENCH_LOG_DIR keeps each service's log (LOG_LEVEL warn) in <dir>/<service>.log; otherwise logs are dropped. */
const logTo = (service: string): 'ignore' | number => (process.env.BENCH_LOG_DIR ? openSync(path.join(process.env.BENCH_LOG_DIR, `${service}.log`), 'w') : 'ignore');
const PASSWORD = 'Bench-pass-2025-x';
const env = { KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:19092', MONGO_URL: process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27018', REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:16379' };

const round = (x: number): number => Math.round(x * 10) / 10;
const note = (line: string): void => void process.stderr.write(`bench: ${line}\n`);

interface Session { account: { id: string }; session: { accessToken: string } }

function started(child: ChildProcess, what: string): { stderr: () => string; stop: () => Promise<void> } {
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', (code) => code !== 0 && code !== null && process.stderr.write(`${what} exited ${code}: ${stderr}\n`));
  return { stderr: () => stderr, stop: async () => { if (child.exitCode === null) child.kill('SIGTERM'); await exited; } };
}

async function main(): Promise<Record<string, unknown>> {
  const run = randomUUID().slice(0, 8);
  const judgingDb = `judging_bench_${run}`;
  const gatewayDb = `gateway_bench_${run}`;
  const [grpcPort, judgingAdmin, httpPort, gatewayAdmin] = [await freePort(), await freePort(), await freePort(), await freePort()];
  // The judging process must not replay earlier runs' registration events while saves are timed.
  await startGroupAtEnd(env.KAFKA_BROKERS, `judging-bench-${judgingDb}`, [SERVICE_TOPICS.registration]);
  const judging = fork(path.join(__dirname, 'judging-process.ts'), [], {
    cwd: REPO_ROOT, execArgv: ['-r', '@swc-node/register', ...execArgvOf('BENCH_JUDGING_NODE_FLAGS')], stdio: ['ignore', logTo('judging'), 'pipe', 'ipc'],
    env: { PATH: process.env.PATH ?? '', ...env, BENCH_DATABASE: judgingDb, SERVICE_NAME: 'judging', GRPC_PORT: String(grpcPort), ADMIN_PORT: String(judgingAdmin), LOG_LEVEL: 'warn', KAFKAJS_NO_PARTITIONER_WARNING: '1' },
  });
  const judgingProc = started(judging, 'judging');
  const adminEmail = `bench-admin-${run}@bench.digicraft.example`;
  const gateway = spawn(process.execPath, [...execArgvOf('BENCH_GATEWAY_NODE_FLAGS'), path.join(REPO_ROOT, 'services', 'gateway', 'dist', 'main.js')], {
    cwd: REPO_ROOT, stdio: ['ignore', logTo('gateway'), 'pipe'],
    env: {
      PATH: process.env.PATH ?? '', ...env, NODE_ENV: 'development', LOG_LEVEL: 'warn', HTTP_PORT: String(httpPort), ADMIN_PORT: String(gatewayAdmin), MONGO_DB: gatewayDb,
      JUDGING_GRPC_ADDR: `127.0.0.1:${grpcPort}`, REDIS_KEY_PREFIX: `gwb${run}:`, PASSWORD_HASH_COST: 'fast', DOWNSTREAM_DEADLINE_MS: '10000',
      // The benchmark measures the judging path, not the limits: 200 judges share one client address here.
      RATE_LIMIT_PER_CLIENT: '10000000', RATE_LIMIT_PER_ACCOUNT: '10000000', RATE_LIMIT_AUTH_PER_CLIENT: '1000000',
      BOOTSTRAP_ADMIN_EMAIL: adminEmail, BOOTSTRAP_ADMIN_PASSWORD: PASSWORD, KAFKAJS_NO_PARTITIONER_WARNING: '1',
    },
  });
  const gatewayProc = started(gateway, 'gateway');
  const mongo = await mongoose.mongo.MongoClient.connect(env.MONGO_URL);
  const db = mongo.db(judgingDb);
  try {
    await waitForStatus(`http://127.0.0.1:${judgingAdmin}/readyz`, 200, 60_000);
    await waitForStatus(`http://127.0.0.1:${gatewayAdmin}/readyz`, 200, 60_000);
    const anonymous = new ApiClient({ baseUrl: `http://127.0.0.1:${httpPort}` });
    const adminSession = await anonymous.post<Session>('/v1/auth/login', { email: adminEmail, password: PASSWORD });
    const admin = anonymous.as(adminSession.session.accessToken);
    const people = await inPool(Array.from({ length: JUDGES + 1 }, (_, i) => i), 16, async (i) => {
      const { token } = await admin.post<{ token: string }>('/v1/role-invitations', { role: 'judge', email: `j${i}-${run}@bench.digicraft.example` });
      const s = await anonymous.post<Session>('/v1/auth/accept-invitation', { token, email: `j${i}-${run}@bench.digicraft.example`, password: PASSWORD, displayName: `Judge ${i}` });
      return { id: s.account.id, api: anonymous.as(s.session.accessToken) };
    });
    note(`${people.length} judges signed in`);
    const chief = people[JUDGES] as (typeof people)[number];
    const judges = people.slice(0, JUDGES);
    const competitionId = `cmp-bench-${run}`;
    const resultTrack = `results-${run}`;
    await db.collection('competitions').insertOne({ _id: competitionId as never, organizerId: adminSession.account.id, trackIds: [`paced-${run}`, `save-${run}`, resultTrack], version: 1 });

    const setUp = async (trackId: string, entries: number, markers: typeof judges): Promise<void> => {
      const docs = Array.from({ length: entries }, (_, e) => ({ _id: `${trackId}-e${e}`, competitionId, trackId, code: `E${String(e).padStart(4, '0')}`, contestantAccountId: `c-${trackId}-${e}`, memberAccountIds: [`c-${trackId}-${e}`], version: 1, createdAt: new Date() }));
      for (let i = 0; i < docs.length; i += 1000) await db.collection('entries').insertMany(docs.slice(i, i + 1000) as never[]);
      const base = `/v1/competitions/${competitionId}/tracks/${trackId}`;
      await admin.put(`${base}/marking-scheme`, benchScheme());
      await admin.post(`${base}/judges`, { judges: [...markers.map((j) => ({ accountId: j.id })), { accountId: chief.id, chief: true }] });
      const plan = await admin.post<{ assignments: number; uncovered: unknown[] }>(`${base}/assignments/generate`);
      if (plan.uncovered.length > 0 || plan.assignments !== entries * 3) throw new Error(`${trackId}: ${plan.assignments} assignments for ${entries} entries`);
    };

    // (1) 200 judges saving concurrently: saturated (closed loop), then paced like real pages.
    const storeOps = (): Promise<StoreOpCounts> =>
      new Promise((resolve) => {
        const onMessage = (m: unknown): void => {
          if (typeof m === 'object' && m !== null && 'storeOps' in m) {
            judging.off('message', onMessage);
            resolve(m.storeOps as StoreOpCounts);
          }
        };
        judging.on('message', onMessage);
        judging.send('store-ops?');
      });
    const pids = { judging: judging.pid, gateway: gateway.pid, ferretdb: pidMatching('ferretdb'), kafka: pidMatching('kafka.Kafka') };
    const phase = async (name: string, trackId: string, drive: (plans: Awaited<ReturnType<typeof plannedSaves>>) => Promise<SaveRun>): Promise<SaveRun & { cpu: Record<string, number> }> => {
      await setUp(trackId, SAVE_ENTRIES, judges);
      const plans = await plannedSaves(judges, trackId);
      const opsBefore = await storeOps();
      const stop = measureCpu(pids);
      const result = await drive(plans);
      const cpu = stop().perUnitMicros(result.latencies.length);
      const ops = opsPerUnit(opsBefore, await storeOps(), result.latencies.length);
      note(`${name}: judging store commands per save ${JSON.stringify(ops)}`);
      const sorted = [...result.latencies].sort((a, b) => a - b);
      note(`${name}: ${sorted.length} saves in ${result.seconds.toFixed(1)} s, p50 ${round(percentile(sorted, 50))} ms, p99 ${round(percentile(sorted, 99))} ms`);
      note(`${name}: CPU µs per save ${JSON.stringify(cpu)} (ferretdb and kafka are shared servers: upper bounds)`);
      return { latencies: sorted, seconds: result.seconds, cpu };
    };
    // Closed loop first: it also warms both processes up, so the paced figures are a warm service's.
    const saturated = await phase('closed loop', `save-${run}`, (plans) => closedLoop(judges, plans));
    const pacedRun = await phase('paced', `paced-${run}`, (plans) => paced(judges, plans, PACING));

    // (2) results of 2,000 entries × 30 aspects × 3 judges.
    await setUp(resultTrack, RESULT_ENTRIES, judges.slice(0, 6));
    const assignments = await db.collection<{ _id: string; judgeIds: string[] }>('entry_assignments').find({ trackId: resultTrack }).toArray();
    const at = new Date();
    const sheets: SheetDoc[] = assignments.flatMap((a) => {
      const e = Number(a._id.split('-e').pop());
      return a.judgeIds.map((judgeId, j) => {
        const marks = benchMarks(e, j);
        return { _id: `${a._id}:${judgeId}:1`, entryId: a._id, judgeId, trackId: resultTrack, version: 1, schemeVersion: 1, marks, comments: {}, markedUnder: Object.fromEntries(Object.keys(marks).map((k) => [k, 1])), status: 'submitted', submittedAt: at, origin: 'judge', at };
      });
    });
    for (let i = 0; i < sheets.length; i += 1000) await db.collection('sheets').insertMany(sheets.slice(i, i + 1000) as never[]);
    note(`results track seeded: ${sheets.length} mark sheets`);
    // A sample is signed off through the API (the real per-entry path); the rest in bulk via the store.
    // One at a time (the per-entry figure, not contention). The first sign-off of the track is
    // timed on its own: it loads the track's views (one scan each, once per process and track);
    // signOffMsPerEntry, its store commands and CPU are those of the sign-offs after it.
    const sample = assignments.slice(0, API_SIGN_OFFS);
    const signOff = (a: (typeof assignments)[number]): Promise<unknown> => chief.api.post(`/v1/entries/${a._id}/sign-off`);
    const [firstSignOff, ...laterSignOffs] = sample;
    const f0 = performance.now();
    if (firstSignOff !== undefined) await signOff(firstSignOff);
    const signOffFirstMs = firstSignOff === undefined ? 0 : performance.now() - f0;
    const signOffOpsBefore = await storeOps();
    const signOffCpu = measureCpu(pids);
    const s0 = performance.now();
    await inPool(laterSignOffs, 1, signOff);
    const signOffMs = laterSignOffs.length === 0 ? 0 : (performance.now() - s0) / laterSignOffs.length;
    const signOffCpuMicros = signOffCpu().perUnitMicros(laterSignOffs.length);
    const signOffStoreOps = opsPerUnit(signOffOpsBefore, await storeOps(), laterSignOffs.length);
    note(`sign-off: first ${round(signOffFirstMs)} ms, then ${round(signOffMs)} ms each; store commands per sign-off ${JSON.stringify(signOffStoreOps)}; CPU µs per sign-off ${JSON.stringify(signOffCpuMicros)}`);
    await bulkSignOff(db, resultTrack, competitionId, chief.id, sheets, new Set(sample.map((a) => a._id)));
    note(`results track signed off: ${sample.length} through the API, the rest in bulk`);
    const r0 = performance.now();
    const results = await admin.post<{ standings: unknown[] }>(`/v1/competitions/${competitionId}/tracks/${resultTrack}/results/publish`);
    const resultsMs = performance.now() - r0;
    if (results.standings.length !== RESULT_ENTRIES) throw new Error(`published ${results.standings.length} standings, expected ${RESULT_ENTRIES}`);
    const statisticsOpsBefore = await storeOps();
    const statisticsCpu = measureCpu(pids);
    const p0 = performance.now();
    await admin.get(`/v1/competitions/${competitionId}/tracks/${resultTrack}/panel-statistics`);
    const statisticsMs = performance.now() - p0;
    const statisticsCpuMicros = statisticsCpu().perUnitMicros(1);
    const statisticsStoreOps = opsPerUnit(statisticsOpsBefore, await storeOps(), 1);
    note(`statistics: ${round(statisticsMs)} ms; store commands ${JSON.stringify(statisticsStoreOps)}; CPU µs ${JSON.stringify(statisticsCpuMicros)}`);
    return {
      bench: 'judging',
      saves: pacedRun.latencies.length,
      savesPerSec: round(pacedRun.latencies.length / pacedRun.seconds),
      saveP50Ms: round(percentile(pacedRun.latencies, 50)),
      saveP99Ms: round(percentile(pacedRun.latencies, 99)),
      resultsEntries: results.standings.length,
      resultsMs: round(resultsMs),
      judges: JUDGES,
      saveEntries: SAVE_ENTRIES,
      pacedSaveIntervalMs: PACING.intervalMs,
      pacedSaveJitterMs: PACING.jitterMs,
      saturatedSaves: saturated.latencies.length,
      saturatedSavesPerSec: round(saturated.latencies.length / saturated.seconds),
      saturatedP50Ms: round(percentile(saturated.latencies, 50)),
      saturatedP99Ms: round(percentile(saturated.latencies, 99)),
      pacedCpuMicrosPerSave: pacedRun.cpu,
      saturatedCpuMicrosPerSave: saturated.cpu,
      marksScored: sheets.length * 30,
      apiSignOffs: sample.length,
      signOffMsPerEntry: round(signOffMs),
      signOffFirstMs: round(signOffFirstMs),
      signOffStoreOps,
      signOffCpuMicros,
      statisticsMs: round(statisticsMs),
      statisticsStoreOps,
      statisticsCpuMicros,
    };
  } finally {
    await gatewayProc.stop();
    await judgingProc.stop();
    await db.dropDatabase().catch(() => undefined);
    await mongo.db(gatewayDb).dropDatabase().catch(() => undefined);
    await mongo.close();
  }
}

main().then(
  (line) => {
    console.log(JSON.stringify(line));
    process.exit(0);
  },
  (error: unknown) => {
    console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
