import { Server, ServerCredentials, type Metadata, type UntypedServiceImplementation } from '@grpc/grpc-js';
import { registrationV1 } from '@digicraft/contracts';
import { startHarness, type Harness } from './support/gateway-harness';
import { bearer, get, json, signup } from './support/api';

interface Seen {
  requestId: string | undefined;
  actorId: string | undefined;
}

/** A registration service stub that answers listCompetitions with one published competition. */
async function startStubRegistration(seen: Seen[]): Promise<{ address: string; stop: () => void }> {
  const server = new Server();
  const impl: UntypedServiceImplementation = Object.fromEntries(Object.keys(registrationV1.RegistrationServiceService).map((n) => [n, () => undefined]));
  impl.listCompetitions = (
    callObj: { metadata: Metadata },
    cb: (err: null, res: registrationV1.ListCompetitionsResponse) => void,
  ) => {
    seen.push({ requestId: callObj.metadata.get('x-request-id')[0] as string | undefined, actorId: callObj.metadata.get('x-actor-id')[0] as string | undefined });
    cb(null, {
      competitions: [
        {
          competitionId: 'c-1', organizerAccountId: 'o-1', status: registrationV1.CompetitionStatus.COMPETITION_STATUS_PUBLISHED,
          spec: {
            title: 'Big Data Cup', description: '', occupation: 'big-data', tracks: [], registrationOpensAt: new Date('2026-01-01T00:00:00Z'),
            level: registrationV1.CompetitionLevel.COMPETITION_LEVEL_NATIONAL,
          },
          stats: [], version: 1, registrationOpen: true,
        },
      ],
      page: { nextCursor: '' },
    });
  };
  server.addService(registrationV1.RegistrationServiceService, impl);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  return { address: `127.0.0.1:${port}`, stop: () => server.forceShutdown() };
}

describe('gateway: GET /v1/competitions over gRPC, with the public read cache', () => {
  const seen: Seen[] = [];
  let h: Harness;
  let stub: Awaited<ReturnType<typeof startStubRegistration>>;
  beforeAll(async () => {
    stub = await startStubRegistration(seen);
    h = await startHarness('gw_competitions', { REGISTRATION_GRPC_ADDR: stub.address, PUBLIC_CACHE_TTL_SECONDS: '30' });
  });
  afterAll(async () => {
    await h.close();
    stub.stop();
  });

  it('maps the gRPC answer to JSON and forwards the request id and the caller', async () => {
    const { account, session } = await signup(h.http, 'contestant');
    const res = await get(h.http, '/v1/competitions', { ...bearer(session.accessToken), 'x-request-id': 'proxy-req-1' });
    expect(res.statusCode).toBe(200);
    expect(json(res)).toEqual({
      items: [{ id: 'c-1', status: 'published', title: 'Big Data Cup', occupation: 'big-data', registrationOpensAt: '2026-01-01T00:00:00.000Z' }],
    });
    expect(seen).toContainEqual({ requestId: 'proxy-req-1', actorId: account.id });
  });

  it('anonymous reads are served from the cache, even while the service is down', async () => {
    const first = await get(h.http, '/v1/competitions?occupation=big-data');
    expect(first.headers['x-cache']).toBe('miss');
    stub.stop();
    const second = await get(h.http, '/v1/competitions?occupation=big-data');
    expect(second.statusCode).toBe(200);
    expect(second.headers['x-cache']).toBe('hit');
    expect(second.body).toBe(first.body);
  });
});
