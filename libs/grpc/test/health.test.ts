import { Metadata, credentials, type ClientReadableStream } from '@grpc/grpc-js';
import { healthV1 } from '@digicraft/contracts';
import { checkHealth, createGrpcServer, type DigiCraftGrpcServer } from '../src';
import { ProbeService, capturedLogger, SERVING } from './fixtures/probe';

const NOT_SERVING = healthV1.HealthCheckResponse_ServingStatus.NOT_SERVING;

describe('grpc.health.v1 on a DigiCraft gRPC server', () => {
  let server: DigiCraftGrpcServer;
  let address: string;

  beforeEach(async () => {
    server = createGrpcServer({ logger: capturedLogger('health-test').logger, serviceName: 'probe', drainMs: 400 });
    server.addService(ProbeService, { check: async () => ({ status: SERVING }) });
    address = `127.0.0.1:${await server.start(0)}`;
  });

  afterEach(async () => {
    await server.shutdown(1000);
  });

  it('answers SERVING for the server and each added service, SERVICE_UNKNOWN for others', async () => {
    expect(await checkHealth(address)).toBe('SERVING');
    expect(await checkHealth(address, 'digicraft.test.v1.Probe')).toBe('SERVING');
    expect(await checkHealth(address, 'digicraft.nope.v1.Nope')).toBe('SERVICE_UNKNOWN');
  });

  it('reports what the service sets, e.g. NOT_SERVING while its store is down', async () => {
    server.health.set('', 'NOT_SERVING');
    expect(await checkHealth(address)).toBe('NOT_SERVING');
    server.health.set('', 'SERVING');
    expect(await checkHealth(address)).toBe('SERVING');
  });

  it('answers NOT_SERVING once shutdown begins, and a late SERVING cannot undo it', async () => {
    expect(await checkHealth(address)).toBe('SERVING');
    const stopping = server.shutdown(1000);
    server.health.set('', 'SERVING');
    // drainMs keeps the server answering while load balancers notice.
    expect(await checkHealth(address)).toBe('NOT_SERVING');
    expect(await checkHealth(address, 'digicraft.test.v1.Probe')).toBe('NOT_SERVING');
    await stopping;
    await expect(checkHealth(address, '', { serviceName: 'probe' })).rejects.toMatchObject({
      kind: 'unavailable',
      code: 'DC_ERR_UNAVAILABLE',
    });
  });

  it('streams status changes to Watch and ends the stream at shutdown', async () => {
    const client = new healthV1.HealthClient(address, credentials.createInsecure());
    const stream: ClientReadableStream<healthV1.HealthCheckResponse> = client.watch({ service: '' }, new Metadata(), {
      deadline: Date.now() + 5000,
    });
    const seen: healthV1.HealthCheckResponse_ServingStatus[] = [];
    const ended = new Promise<void>((resolve, reject) => {
      stream.on('data', (response: healthV1.HealthCheckResponse) => {
        seen.push(response.status);
        if (seen.length === 1) void server.shutdown(1000);
      });
      stream.on('end', resolve);
      stream.on('error', reject);
    });
    await ended;
    client.close();
    expect(seen).toEqual([SERVING, NOT_SERVING]);
  });
});
