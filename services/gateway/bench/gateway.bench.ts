/**
 * Gateway benchmark: three measurements in one run with the same load tool (autocannon) and
 * concurrency, against one published competition that the bench creates through the public API
 * (the bootstrapped admin invites an organizer, who creates and publishes it with one track):
 * (a) the anonymous GET /v1/competitions/{id}, served from the public read cache;
 * (b) the same GET signed in as a contestant, never cached: it crosses gRPC to the built
 *     registration service (GetCompetition), which reads the competition from FerretDB by _id on
 *     every call (its seat counts come from an in-process view reloaded at most once a second);
 * (c) a bare fastify route returning a constant.
 * Reference, not part of the ratios: (d) `grpcFloorRps`, bare fastify making one bare grpc-js
 * call to a bare grpc-js server answering a constant (no auth, logging, protobuf or store): what
 * one HTTP→gRPC hop costs on this machine with this stack, so (b) can be read against it.
 * (e) `cachedFloorRps`: bare fastify paying only what every gateway answer must (request id in
 * header and logger, one access line, security headers; the gateway's own modules) and answering
 * the cached body: what is left of (c) before the gateway's own work, so (a) can be read against it.
 * Every server runs in its own process (the gateway and registration service are their built
 * dist/main.js with production wiring and info logging) and the load generator in this one, so no
 * server shares its event loop with the load. Before measuring, the bench waits until the
 * gateway's event consumer has handled the competition.published event (and any backlog), whose
 * invalidation would otherwise land in a measured round. Rounds are interleaved and the median
 * kept; server CPU per request is printed as a load-independent diagnostic.
 * Last line: one JSON object.
 */
import { randomUUID } from 'node:crypto';
import { eventTypeByName } from '@digicraft/contracts';
import { freePort, waitForStatus } from '@digicraft/testkit';
import { publishBenchCompetition, type BenchCompetition } from './fixtures/bench-competition';
import { dropDatabases } from './fixtures/bench-databases';
import { waitForEventsSettled } from './fixtures/events-settled';
import { startBuiltService, startFixture, type BenchProcess } from './fixtures/processes';
import { measureInterleaved, type Summary, type Target } from './interleaved-load';

/** Per target: a warm-up, then `rounds` interleaved rounds of `durationS` seconds each, median kept. */
const LOAD = {
  durationS: Number(process.env.BENCH_DURATION_S ?? 3),
  rounds: Number(process.env.BENCH_ROUNDS ?? 3),
  warmupS: Number(process.env.BENCH_WARMUP_S ?? 2),
  connections: Number(process.env.BENCH_CONNECTIONS ?? 32),
};
/** For profiling one path: `BENCH_ONLY=grpc` (the ratios are then meaningless). */
const ONLY = process.env.BENCH_ONLY?.split(',');
/** e.g. `--cpu-prof --cpu-prof-dir=/tmp/gw-prof` to profile the gateway process. */
const GATEWAY_NODE_OPTIONS = (process.env.BENCH_GATEWAY_NODE_OPTIONS ?? '').split(' ').filter((o) => o !== '');
const SERVICE_NODE_OPTIONS = (process.env.BENCH_SERVICE_NODE_OPTIONS ?? '').split(' ').filter((o) => o !== '');

async function ready(proc: BenchProcess, name: string, adminPort: number): Promise<void> {
  await waitForStatus(`http://127.0.0.1:${adminPort}/readyz`, 200, 60_000).catch((err: unknown) => {
    throw new Error(`${name} did not get ready: ${String(err)}\n${proc.stderr()}`);
  });
}

/** Checks that each target measures what it claims to before any load runs; returns the cached body. */
async function checkTargets(base: string, competition: BenchCompetition): Promise<string> {
  const url = `${base}/v1/competitions/${competition.competitionId}`;
  const signedIn = await fetch(url, { headers: { authorization: `Bearer ${competition.contestantToken}` } });
  if (signedIn.status !== 200 || signedIn.headers.get('x-cache') !== 'miss') throw new Error(`the signed-in GET did not cross gRPC: ${signedIn.status} ${await signedIn.text()}`);
  const body = (await signedIn.json()) as { spec?: { tracks?: { trackId: string }[] } };
  if (body.spec?.tracks?.[0]?.trackId !== competition.trackId) throw new Error(`the signed-in GET did not answer the bench competition: ${JSON.stringify(body)}`);
  // The invalidation fence may still refuse fills for a few seconds after the event: wait it out.
  const deadline = Date.now() + 30_000;
  for (;;) {
    const anonymous = await fetch(url);
    const text = await anonymous.text();
    if (anonymous.status !== 200) throw new Error(`the anonymous GET failed: ${anonymous.status}`);
    if (anonymous.headers.get('x-cache') === 'hit') return text;
    if (Date.now() > deadline) throw new Error('the anonymous GET is never served from the cache');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function main(): Promise<void> {
  const runId = `${Date.now().toString(36)}${randomUUID().slice(0, 4)}`;
  const infra = {
    KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:19092',
    MONGO_URL: process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27018',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:16379',
    KAFKAJS_NO_PARTITIONER_WARNING: '1',
  };
  const logLevel = process.env.BENCH_LOG_LEVEL ?? 'info';
  const registrationDb = `gw_bench_reg_${runId}`;
  const gatewayDb = `gw_bench_${runId}`;
  // One consumer group across runs: a new group per run would start at the topics' beginning.
  const gatewayName = 'gateway-bench';
  const admin = { email: `admin.${runId}@bench.example`, password: 'bench-admin-2024' };
  const started: BenchProcess[] = [];
  try {
    const [grpcPort, registrationAdminPort] = [await freePort(), await freePort()];
    const registration = startBuiltService(
      'registration',
      {
        ...infra,
        NODE_ENV: 'development',
        LOG_LEVEL: logLevel,
        SERVICE_NAME: 'registration',
        REGISTRATION_DB: registrationDb,
        GRPC_PORT: String(grpcPort),
        ADMIN_PORT: String(registrationAdminPort),
      },
      SERVICE_NODE_OPTIONS,
    );
    started.push(registration);
    const bare = await startFixture('bare-server.ts', {});
    started.push(bare);
    const echo = await startFixture('grpc-echo-server.ts', {});
    started.push(echo);
    const relay = await startFixture('grpc-relay-server.ts', { ECHO_ADDR: `127.0.0.1:${echo.port}` });
    started.push(relay);
    await ready(registration, 'the registration service', registrationAdminPort);

    const [httpPort, adminPort] = [await freePort(), await freePort()];
    const gateway = startBuiltService(
      'gateway',
      {
        ...infra,
        NODE_ENV: 'development',
        LOG_LEVEL: logLevel,
        SERVICE_NAME: gatewayName,
        MONGO_DB: gatewayDb,
        REDIS_KEY_PREFIX: `bench:${runId}:`,
        HTTP_PORT: String(httpPort),
        ADMIN_PORT: String(adminPort),
        REGISTRATION_GRPC_ADDR: `127.0.0.1:${grpcPort}`,
        BOOTSTRAP_ADMIN_EMAIL: admin.email,
        BOOTSTRAP_ADMIN_PASSWORD: admin.password,
        PUBLIC_CACHE_TTL_SECONDS: '300',
        RATE_LIMIT_PER_CLIENT: '100000000',
        RATE_LIMIT_PER_ACCOUNT: '100000000',
        PASSWORD_HASH_COST: 'fast',
      },
      GATEWAY_NODE_OPTIONS,
    );
    started.push(gateway);
    await ready(gateway, 'the gateway', adminPort);

    const base = `http://127.0.0.1:${httpPort}`;
    const competition = await publishBenchCompetition(base, runId, admin);
    await waitForEventsSettled({
      brokers: infra.KAFKA_BROKERS.split(','),
      mongoUrl: infra.MONGO_URL,
      registrationDb,
      groupId: gatewayName,
      topics: [...new Set([eventTypeByName('competition.published.v1').topic, eventTypeByName('judging.results-published.v1').topic])],
      timeoutMs: 180_000,
    });
    const cachedBody = await checkTargets(base, competition);
    const obligations = await startFixture('obligations-server.ts', { ANSWER_BODY: cachedBody });
    started.push(obligations);

    const url = `${base}/v1/competitions/${competition.competitionId}`;
    const gatewayPid = gateway.child.pid ?? 0;
    const targets: Target[] = [
      { name: 'cached', url, pids: [gatewayPid] },
      { name: 'grpc', url, headers: { authorization: `Bearer ${competition.contestantToken}` }, pids: [gatewayPid, registration.child.pid ?? 0] },
      { name: 'bare', url: `http://127.0.0.1:${bare.port}/constant`, pids: [bare.child.pid ?? 0] },
      { name: 'grpcFloor', url: `http://127.0.0.1:${relay.port}/relay`, pids: [relay.child.pid ?? 0, echo.child.pid ?? 0] },
      { name: 'cachedFloor', url: `http://127.0.0.1:${obligations.port}/answer`, pids: [obligations.child.pid ?? 0] },
    ];
    const results = await measureInterleaved(targets.filter((t) => ONLY === undefined || ONLY.includes(t.name)), LOAD);
    const pick = (name: string): Summary => results.get(name) ?? { rps: 0, p99: 0, cpuUsPerRequest: [] };
    const [cached, grpc, bareRun, floor, cachedFloor] = [pick('cached'), pick('grpc'), pick('bare'), pick('grpcFloor'), pick('cachedFloor')];
    // Diagnostics: server CPU per request (gateway; gateway + registration for grpc), independent of the machine's other load.
    process.stdout.write(`cached: ${JSON.stringify(cached)}\ngrpc: ${JSON.stringify(grpc)}\nbare: ${JSON.stringify(bareRun)}\ngrpcFloor: ${JSON.stringify(floor)}\ncachedFloor: ${JSON.stringify(cachedFloor)}\n`);
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
        grpcFloorRps: floor.rps,
        grpcFloorRatio: ratio(floor.rps),
        cachedFloorRps: cachedFloor.rps,
        cachedFloorRatio: ratio(cachedFloor.rps),
      })}\n`,
    );
  } finally {
    for (const proc of started.reverse()) await proc.stop();
    await dropDatabases(infra.MONGO_URL, [registrationDb, gatewayDb]).catch((err: unknown) => process.stderr.write(`could not drop the bench databases: ${String(err)}\n`));
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
