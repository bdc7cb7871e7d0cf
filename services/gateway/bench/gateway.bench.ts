/**
 * Gateway benchmark: three measurements in one run with the same load tool (autocannon) and
 * concurrency: (a) a cached anonymous GET /v1/competitions, (b) an authenticated GET
 * /v1/competitions, never cached, crossing gRPC to a service that reads its store (FerretDB,
 * find by _id) on every call, (c) a bare fastify route returning a constant. Every server runs
 * in its own process and the load generator in this one, so no server shares its event loop with
 * the load. The gateway is the built dist/main.js with production wiring and info logging.
 * Last line: one JSON object.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { freePort, waitForStatus } from '@digicraft/testkit';
import { startFixture, startGatewayProcess, type BenchProcess } from './fixtures/processes';

/** Seconds per target and round; ROUNDS interleaved rounds, median taken. */
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
/** For profiling one path: `BENCH_ONLY=grpc` (the ratios are then meaningless). */
const ONLY = process.env.BENCH_ONLY?.split(',');
/** e.g. `--cpu-prof --cpu-prof-dir=/tmp/gw-prof` to profile the gateway process. */
const GATEWAY_NODE_OPTIONS = (process.env.BENCH_GATEWAY_NODE_OPTIONS ?? '').split(' ').filter((o) => o !== '');
const SERVICE_NODE_OPTIONS = (process.env.BENCH_SERVICE_NODE_OPTIONS ?? '').split(' ').filter((o) => o !== '');

interface Target {
  readonly name: string;
  readonly url: string;
  readonly headers?: Record<string, string>;
  /** Server processes whose CPU time is charged to this target's requests. */
  readonly pids: readonly number[];
}

interface Run {
  rps: number;
  p99: number;
  requests: number;
  /** Per server process, in the order of Target.pids. */
  cpuSeconds: number[];
}

/** utime + stime of a process, from /proc (Linux), in seconds. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

async function load(target: Target, durationS: number): Promise<Run> {
  const cpuBefore = target.pids.map(cpuSeconds);
  const result = await autocannon({ url: target.url, connections: CONNECTIONS, duration: durationS, headers: target.headers ?? {} });
  // A rate made of error answers measures nothing: fail instead of reporting it.
  if (result.non2xx + result.errors + result.timeouts > 0) {
    throw new Error(`${target.name}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  const cpu = target.pids.map((pid, i) => cpuSeconds(pid) - (cpuBefore[i] ?? 0));
  return { rps: result.requests.average, p99: result.latency.p99, requests: result.requests.total, cpuSeconds: cpu };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

/**
 * Warms every target up, then measures them in interleaved rounds (a, b, c, a, b, c, …) and
 * takes each one's median round: the machine's other load then falls on all three alike instead
 * of on whichever ran while it peaked.
 */
interface Summary {
  rps: number;
  p99: number;
  /** Server CPU time per request, per process of the target. */
  cpuUsPerRequest: number[];
}

async function measureInterleaved(targets: readonly Target[]): Promise<Map<string, Summary>> {
  for (const target of targets) await load(target, WARMUP_S);
  const runs = new Map<string, Run[]>(targets.map((t) => [t.name, []]));
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const target of targets) runs.get(target.name)?.push(await load(target, DURATION_S));
  }
  const out = new Map<string, Summary>();
  for (const [name, list] of runs) {
    const requests = Math.max(1, list.reduce((sum, r) => sum + r.requests, 0));
    const cpu = (list[0]?.cpuSeconds ?? []).map((_, i) => list.reduce((sum, r) => sum + (r.cpuSeconds[i] ?? 0), 0));
    out.set(name, {
      rps: Math.round(median(list.map((r) => r.rps))),
      p99: median(list.map((r) => r.p99)),
      cpuUsPerRequest: cpu.map((seconds) => Math.round((seconds / requests) * 1e6)),
    });
  }
  return out;
}

async function main(): Promise<void> {
  const runId = `${Date.now().toString(36)}${randomUUID().slice(0, 4)}`;
  const infra = {
    KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:19092',
    MONGO_URL: process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27018',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:16379',
    KAFKAJS_NO_PARTITIONER_WARNING: '1',
  };
  const started: BenchProcess[] = [];
  try {
    const service = await startFixture('competition-service.ts', { ...infra, MONGO_DB: `gw_bench_svc_${runId}` }, SERVICE_NODE_OPTIONS);
    started.push(service);
    const bare = await startFixture('bare-server.ts', {});
    started.push(bare);
    const httpPort = await freePort();
    const adminPort = await freePort();
    const gateway = startGatewayProcess(
      {
        ...infra,
        NODE_ENV: 'development',
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
        SERVICE_NAME: 'gateway-bench',
        MONGO_DB: `gw_bench_${runId}`,
        REDIS_KEY_PREFIX: `bench:${runId}:`,
        HTTP_PORT: String(httpPort),
        ADMIN_PORT: String(adminPort),
        REGISTRATION_GRPC_ADDR: `127.0.0.1:${service.port}`,
        PUBLIC_CACHE_TTL_SECONDS: '300',
        RATE_LIMIT_PER_CLIENT: '100000000',
        RATE_LIMIT_PER_ACCOUNT: '100000000',
        PASSWORD_HASH_COST: 'fast',
      },
      GATEWAY_NODE_OPTIONS,
    );
    started.push(gateway);
    await waitForStatus(`http://127.0.0.1:${adminPort}/readyz`, 200, 60_000).catch((err: unknown) => {
      throw new Error(`the gateway did not get ready: ${String(err)}\n${gateway.stderr()}`);
    });
    const base = `http://127.0.0.1:${httpPort}`;
    const signup = await fetch(`${base}/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'contestant', email: `bench.${runId}@example.test`, password: 'correct-horse-42', displayName: 'Bench' }),
    });
    if (signup.status !== 201) throw new Error(`signup failed: ${signup.status} ${await signup.text()}`);
    const { session } = (await signup.json()) as { session: { accessToken: string } };
    const authorized = { authorization: `Bearer ${session.accessToken}` };
    const viaGrpc = await fetch(`${base}/v1/competitions`, { headers: authorized });
    if (viaGrpc.status !== 200 || viaGrpc.headers.get('x-cache') !== 'miss') throw new Error(`the authenticated GET did not cross gRPC: ${viaGrpc.status}`);

    const gatewayPid = gateway.child.pid ?? 0;
    const targets: Target[] = [
      { name: 'cached', url: `${base}/v1/competitions`, pids: [gatewayPid] },
      { name: 'grpc', url: `${base}/v1/competitions`, headers: authorized, pids: [gatewayPid, service.child.pid ?? 0] },
      { name: 'bare', url: `http://127.0.0.1:${bare.port}/constant`, pids: [bare.child.pid ?? 0] },
    ];
    const results = await measureInterleaved(targets.filter((t) => ONLY === undefined || ONLY.includes(t.name)));
    const pick = (name: string): Summary => results.get(name) ?? { rps: 0, p99: 0, cpuUsPerRequest: [] };
    const [cached, grpc, bareRun] = [pick('cached'), pick('grpc'), pick('bare')];
    // Diagnostics: server CPU per request (gateway; gateway + service for grpc), independent of the machine's other load.
    process.stdout.write(`cached: ${JSON.stringify(cached)}\ngrpc: ${JSON.stringify(grpc)}\nbare: ${JSON.stringify(bareRun)}\n`);
    const ratio = (x: number) => Math.round((x / bareRun.rps) * 1000) / 1000;
    process.stdout.write(
      `${JSON.stringify({
        bench: 'gateway',
        cachedGetRps: cached.rps,
        cachedP99Ms: cached.p99,
        grpcGetRps: grpc.rps,
        grpcP99Ms: grpc.p99,
        bareRps: bareRun.rps,
        cachedRatio: ratio(cached.rps),
        grpcRatio: ratio(grpc.rps),
      })}\n`,
    );
  } finally {
    for (const proc of started.reverse()) await proc.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
