import { startHarness, type Harness } from './support/gateway-harness';
import { bearer, get, signup } from './support/api';
import { publishedCompetition, startRegistrationStub, type RegistrationStub } from './support/registration-stub';

function parsedLines(raw: readonly string[]): Record<string, unknown>[] {
  return raw.flatMap((chunk) => chunk.split('\n')).filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('gateway: every response carries a request id that the gateway and the service both log', () => {
  let stub: RegistrationStub;
  let h: Harness;
  beforeAll(async () => {
    stub = await startRegistrationStub({
      listCompetitions: async () => ({ competitions: [publishedCompetition('comp-rid', 'Request Id Cup')], page: { nextCursor: '' } }),
    });
    h = await startHarness('gw_request_id', { REGISTRATION_GRPC_ADDR: stub.address, LOG_LEVEL: 'info' });
  });
  afterAll(async () => {
    await h.close();
    await stub.stop();
  });

  it('keeps a caller-supplied id end to end: response header, gateway log line, service log line', async () => {
    const requestId = `rid-${Date.now().toString(36)}`;
    const res = await get(h.http, '/v1/competitions?occupation=ai', { 'x-request-id': requestId });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-request-id']).toBe(requestId);
    expect(parsedLines(h.logs)).toContainEqual(expect.objectContaining({ requestId, msg: 'request completed', statusCode: 200 }));
    expect(stub.logs).toContainEqual(
      expect.objectContaining({ requestId, msg: 'gRPC call handled', grpcCode: 'OK', grpcMethod: '/digicraft.registration.v1.RegistrationService/ListCompetitions' }),
    );
  });

  it('gives a request without one a fresh id, which the service logs as well', async () => {
    const { session } = await signup(h.http);
    const res = await get(h.http, '/v1/competitions', bearer(session.accessToken));
    expect(res.statusCode).toBe(200);
    const requestId = res.headers['x-request-id'];
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(parsedLines(h.logs)).toContainEqual(expect.objectContaining({ requestId, msg: 'request completed' }));
    expect(stub.logs).toContainEqual(expect.objectContaining({ requestId, msg: 'gRPC call handled' }));
  });

  it('an error answer carries the id in its header and its problem body', async () => {
    const requestId = `rid-err-${Date.now().toString(36)}`;
    const res = await get(h.http, '/v1/competitions?pageSize=0', { 'x-request-id': requestId });
    expect(res.statusCode).toBe(400);
    expect(res.headers['x-request-id']).toBe(requestId);
    expect(res.body).toContain(requestId);
  });
});
