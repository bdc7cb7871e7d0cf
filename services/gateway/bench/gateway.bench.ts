/**
 * Gateway benchmark, three measurements in one run with the same tool (autocannon) and
 * concurrency: (a) a cached anonymous GET /v1/competitions, (b) an authenticated GET
 * /v1/competitions that crosses gRPC (to an in-process registration stub until the registration
 * service lands; then point REGISTRATION_GRPC_ADDR at it), (c) a bare fastify route returning a
 * constant. Last line: one JSON object. Uses the real Redis and FerretDB, own db and key prefix.
 */
import { Server, ServerCredentials, type UntypedServiceImplementation } from '@grpc/grpc-js';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { registrationV1 } from '@digicraft/contracts';
import { startHarness } from '../test/support/gateway-harness';
import { signup } from '../test/support/api';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);

async function stubRegistration(): Promise<{ address: string; stop: () => void }> {
  const server = new Server();
  const impl: UntypedServiceImplementation = Object.fromEntries(Object.keys(registrationV1.RegistrationServiceService).map((n) => [n, () => undefined]));
  const answer: registrationV1.ListCompetitionsResponse = {
    competitions: [{ competitionId: 'c-1', organizerAccountId: 'o-1', status: registrationV1.CompetitionStatus.COMPETITION_STATUS_PUBLISHED, spec: { title: 'Bench Cup', description: '', occupation: 'ai', tracks: [] }, stats: [], version: 1 }],
    page: { nextCursor: '' },
  };
  impl.listCompetitions = (_call: unknown, cb: (e: null, r: registrationV1.ListCompetitionsResponse) => void) => cb(null, answer);
  server.addService(registrationV1.RegistrationServiceService, impl);
  const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))));
  return { address: `127.0.0.1:${port}`, stop: () => server.forceShutdown() };
}

async function measure(url: string, headers: Record<string, string> = {}): Promise<{ rps: number; p99: number; errors: number }> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers });
  const non2xx = result.non2xx + result.errors;
  return { rps: Math.round(result.requests.average), p99: result.latency.p99, errors: non2xx };
}

async function main(): Promise<void> {
  const stub = await stubRegistration();
  const h = await startHarness('gw_bench', {
    REGISTRATION_GRPC_ADDR: stub.address,
    LOG_LEVEL: 'warn',
    PUBLIC_CACHE_TTL_SECONDS: '300',
    RATE_LIMIT_PER_CLIENT: '100000000',
    RATE_LIMIT_PER_ACCOUNT: '100000000',
  });
  const bare = Fastify({ logger: false });
  bare.get('/constant', async () => ({ ok: true }));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const bareAddress = bare.server.address();
  const barePort = typeof bareAddress === 'object' && bareAddress !== null ? bareAddress.port : 0;
  try {
    const { session } = await signup(h.http, 'contestant');
    await h.http.inject({ method: 'GET', url: '/v1/competitions' }); // warm the cache
    const cached = await measure(`${h.http.baseUrl}/v1/competitions`);
    const grpc = await measure(`${h.http.baseUrl}/v1/competitions`, { authorization: `Bearer ${session.accessToken}` });
    const bareRun = await measure(`http://127.0.0.1:${barePort}/constant`);
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
    await bare.close();
    await h.close();
    stub.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
