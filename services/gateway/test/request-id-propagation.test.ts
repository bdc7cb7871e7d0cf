import { startHarness, type Harness } from './support/gateway-harness';
import { normalizeStoredEntry } from '@digicraft/messaging';
import { bearer, get, json, PASSWORD, post, signup, uniqueEmail } from './support/api';
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

  it('an event the request causes carries its correlation id, in the caller\'s trace, as its log lines do', async () => {
    const correlationId = `corr-${Date.now().toString(36)}`;
    const [traceId, callerSpan] = ['4bf92f3577b34da6a3ce929d0e0e4736', '00f067aa0ba902b7'];
    const res = await post(h.http, '/v1/auth/signup', { role: 'contestant', email: uniqueEmail('traced'), password: PASSWORD, displayName: 'Traced' }, {
      'x-correlation-id': correlationId,
      traceparent: `00-${traceId}-${callerSpan}-01`,
    });
    expect(res.statusCode).toBe(201);
    const accountId = json<{ account: { id: string } }>(res).account.id;
    const doc = await h.store.accounts.models.Account.findById(accountId).lean();
    const entry = normalizeStoredEntry(doc!.outbox![0]!);
    expect(entry.correlationId).toBe(correlationId);
    // The gateway's own span is the event's parent: same trace, not the caller's span.
    const [, eventTrace, eventParent] = entry.traceparent.split('-');
    expect(eventTrace).toBe(traceId);
    expect(eventParent).not.toBe(callerSpan);
    expect(parsedLines(h.logs)).toContainEqual(expect.objectContaining({ requestId: res.headers['x-request-id'], correlationId, traceId, msg: 'request completed' }));
  });
});
