import { Server, ServerCredentials } from '@grpc/grpc-js';
import { registrationV1 } from '@digicraft/contracts';
import { startHarness, type Harness } from './support/gateway-harness';
import { bearer, get, json } from './support/api';
import { sessionsByRole } from './support/roles';

/** A registration service that accepts calls and never answers them. */
async function startSilentRegistration(): Promise<{ address: string; stop: () => void }> {
  const server = new Server();
  const never = () => undefined;
  const impl = Object.fromEntries(Object.keys(registrationV1.RegistrationServiceService).map((name) => [name, never]));
  server.addService(registrationV1.RegistrationServiceService, impl);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  return { address: `127.0.0.1:${port}`, stop: () => server.forceShutdown() };
}

describe('gateway: a downstream service that is down or slow', () => {
  let down: Harness;
  let slow: Harness;
  let bulk: Harness;
  let silent: Awaited<ReturnType<typeof startSilentRegistration>>;
  beforeAll(async () => {
    silent = await startSilentRegistration();
    down = await startHarness('gw_downstream_down', { REGISTRATION_GRPC_ADDR: '127.0.0.1:1', DOWNSTREAM_RETRY_AFTER_SECONDS: '7' });
    slow = await startHarness('gw_downstream_slow', { REGISTRATION_GRPC_ADDR: silent.address, DOWNSTREAM_DEADLINE_MS: '300' });
    bulk = await startHarness('gw_downstream_bulk', { REGISTRATION_GRPC_ADDR: silent.address, DOWNSTREAM_DEADLINE_MS: '300', DOWNSTREAM_BULK_DEADLINE_MS: '1500' });
  });
  afterAll(async () => {
    await down.close();
    await slow.close();
    await bulk.close();
    silent.stop();
  });

  it('nothing listening: 503 problem with Retry-After, quickly', async () => {
    const t0 = Date.now();
    const res = await get(down.http, '/v1/competitions');
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('7');
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(json(res)).toMatchObject({ status: 503, code: 'DC_ERR_UNAVAILABLE' });
  });

  it('listening but not answering: 503 within the deadline, never a hang or a 500', async () => {
    const t0 = Date.now();
    const res = await get(slow.http, '/v1/competitions', { 'x-request-id': 'slow-call-1' });
    const elapsed = Date.now() - t0;
    expect(res.statusCode).toBe(503);
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(1_500);
    expect(res.headers['retry-after']).toBeDefined();
    expect(json(res)).toMatchObject({ code: 'DC_ERR_DEADLINE_EXCEEDED' });
    expect(slow.logs.some((l) => l.includes('slow-call-1') && l.includes('downstream unavailable'))).toBe(true);
  });

  it('a call that works through a whole roster or track waits for the bulk deadline, still bounded', async () => {
    const { organizer } = await sessionsByRole(bulk);
    const t0 = Date.now();
    const res = await get(bulk.http, '/v1/competitions/c-1/tracks/t-1/registrations?format=csv', bearer(organizer.accessToken));
    const elapsed = Date.now() - t0;
    expect(res.statusCode).toBe(503);
    expect(json(res)).toMatchObject({ code: 'DC_ERR_DEADLINE_EXCEEDED' });
    expect(elapsed).toBeGreaterThanOrEqual(1_400);
    expect(elapsed).toBeLessThan(3_000);
  });
});
