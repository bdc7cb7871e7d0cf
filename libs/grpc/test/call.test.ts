import { register } from 'prom-client';
import { DigiCraftError, isDigiCraftError } from '@digicraft/errors';
import { runWithLogContext } from '@digicraft/logging';
import {
  call,
  createGrpcClient,
  createGrpcServer,
  waitForReady,
  type CallContext,
  type DigiCraftGrpcClient,
  type DigiCraftGrpcServer,
  type UnaryHandler,
} from '../src';
import { ProbeClient, ProbeService, SERVING, capturedLogger, unusedPort } from './fixtures/probe';
import type { healthV1 } from '@digicraft/contracts';

type Check = UnaryHandler<healthV1.HealthCheckRequest, healthV1.HealthCheckResponse>;

// Each test sets the handler it needs; the server stays up for the whole file.
let handler: Check = async () => ({ status: SERVING });
const serverLog = capturedLogger('probe-server');
let server: DigiCraftGrpcServer;
let client: DigiCraftGrpcClient<ProbeClient>;

beforeAll(async () => {
  server = createGrpcServer({ logger: serverLog.logger, serviceName: 'probe' });
  server.addService(ProbeService, { check: (request, context) => handler(request, context) });
  const port = await server.start(0);
  client = createGrpcClient(ProbeClient, `127.0.0.1:${port}`, {
    logger: capturedLogger('probe-client').logger,
    deadlineMs: 2000,
    serviceName: 'probe',
  });
  await waitForReady(client, 2000);
});

afterAll(async () => {
  client.close();
  await server.shutdown(1000);
});

async function failure(promise: Promise<unknown>): Promise<DigiCraftError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isDigiCraftError(error)) throw new Error(`expected a DigiCraftError, got ${String(error)}`);
  return error;
}

async function counterValue(name: string, labels: Record<string, string>): Promise<number> {
  const metric = register.getSingleMetric(name);
  if (metric === undefined) return 0;
  const { values } = await metric.get();
  const match = values.find((v) => Object.entries(labels).every(([k, value]) => v.labels[k] === value));
  return match?.value ?? 0;
}

describe('call() against a real grpc-js server', () => {
  it('returns the typed response of a unary method', async () => {
    handler = async (request) => ({ status: request.service === 'x' ? SERVING : 0 });
    const response = await call(client, 'check', { service: 'x' });
    expect(response.status).toBe(SERVING);
  });

  it('rebuilds a DigiCraftError thrown by the handler with its code, kind, message and fields', async () => {
    const fields = [{ field: 'tracks[0].capacity', message: 'must be positive' }];
    handler = async () => {
      throw new DigiCraftError('DC_ERR_X', 'not-found', 'Competition c-1 does not exist', { fields });
    };
    const error = await failure(call(client, 'check', { service: '' }));
    expect(error).toMatchObject({ code: 'DC_ERR_X', kind: 'not-found', message: 'Competition c-1 does not exist' });
    expect(error.fields).toEqual(fields);
  });

  it('carries field messages in any language intact (metadata is ASCII only)', async () => {
    const fields = [{ field: 'team.members', message: 'a team has 2–5 members (团队 2–5 人)' }];
    handler = async () => {
      throw new DigiCraftError('DC_ERR_X', 'invalid-argument', 'Team size – out of range', { fields });
    };
    const error = await failure(call(client, 'check', { service: '' }));
    expect(error).toMatchObject({ code: 'DC_ERR_X', kind: 'invalid-argument' });
    expect(error.fields).toEqual(fields);
  });

  it('answers an unexpected error as internal with a generic message, and logs the real one', async () => {
    handler = async () => {
      throw new TypeError('mongo password=hunter2 at 10.0.0.7 exploded');
    };
    const error = await failure(call(client, 'check', { service: '' }));
    expect(error.kind).toBe('internal');
    expect(error.code).toBe('DC_ERR_INTERNAL');
    expect(error.message).toBe('Internal error');
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain('hunter2');
    const logged = serverLog.lines().find((line) => line.level === 'error');
    expect(JSON.stringify(logged)).toContain('exploded');
  });

  it('gives deadline-exceeded soon after the deadline and aborts the slow handler', async () => {
    let handlerSignal: AbortSignal | undefined;
    handler = async (_request, context) => {
      handlerSignal = context.signal;
      await new Promise((resolve) => setTimeout(resolve, 3000).unref());
      return { status: SERVING };
    };
    const started = Date.now();
    const error = await failure(call(client, 'check', { service: '' }, { deadlineMs: 200 }));
    const elapsed = Date.now() - started;
    expect(error).toMatchObject({ kind: 'deadline-exceeded', code: 'DC_ERR_DEADLINE_EXCEEDED' });
    expect(error.message).toContain('probe');
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(elapsed).toBeLessThan(300);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(handlerSignal?.aborted).toBe(true);
  });

  it('gives unavailable naming the service when nobody listens on the port', async () => {
    const nowhere = createGrpcClient(ProbeClient, `127.0.0.1:${await unusedPort()}`, {
      logger: capturedLogger('nowhere').logger,
      deadlineMs: 1000,
      serviceName: 'registration',
    });
    const started = Date.now();
    const error = await failure(call(nowhere, 'check', { service: '' }));
    nowhere.close();
    expect(error).toMatchObject({ kind: 'unavailable', code: 'DC_ERR_UNAVAILABLE' });
    expect(error.message).toBe('registration is unavailable');
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(waitForReady(nowhere, 100)).rejects.toMatchObject({ kind: 'unavailable' });
  });

  it("carries the caller's request, correlation and trace ids and actor into the handler's context", async () => {
    let seen: CallContext | undefined;
    handler = async (_request, context) => {
      seen = context;
      context.logger.info('inside the handler');
      return { status: SERVING };
    };
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    await runWithLogContext({ requestId: 'req-42', correlationId: 'corr-7', traceId, spanId: '00f067aa0ba902b7' }, () =>
      call(client, 'check', { service: '' }, { actor: { id: 'acc-1', roles: ['organizer', 'judge'] } }),
    );
    expect(seen).toMatchObject({ requestId: 'req-42', correlationId: 'corr-7', traceId });
    expect(seen?.spanId).not.toBe('00f067aa0ba902b7');
    expect(seen?.actor).toEqual({ id: 'acc-1', roles: ['organizer', 'judge'] });
    expect(seen?.deadline).toBeInstanceOf(Date);
    const line = serverLog.lines().find((l) => l.msg === 'inside the handler');
    expect(line).toMatchObject({ requestId: 'req-42', correlationId: 'corr-7', traceId });
  });

  it('gives a call without caller ids fresh ones', async () => {
    let seen: CallContext | undefined;
    handler = async (_request, context) => {
      seen = context;
      return { status: SERVING };
    };
    await call(client, 'check', { service: '' });
    expect(seen?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen?.correlationId).toBe(seen?.requestId);
    expect(seen?.actor).toBeUndefined();
  });

  it('counts calls by service, method and status on both sides, and logs one line per call', async () => {
    const labels = { service: 'digicraft.test.v1.Probe', method: 'Check', code: 'FAILED_PRECONDITION' };
    const serverBefore = await counterValue('grpc_server_handled_total', labels);
    const clientBefore = await counterValue('grpc_client_handled_total', labels);
    handler = async () => {
      throw new DigiCraftError('DC_ERR_TRACK_CLOSED', 'failed-precondition', 'Track is closed');
    };
    await failure(call(client, 'check', { service: '' }));
    await failure(call(client, 'check', { service: '' }));
    expect(await counterValue('grpc_server_handled_total', labels)).toBe(serverBefore + 2);
    expect(await counterValue('grpc_client_handled_total', labels)).toBe(clientBefore + 2);
    const exposition = await register.metrics();
    expect(exposition).toMatch(/grpc_server_handling_seconds_count\{service="digicraft.test.v1.Probe",method="Check"\} \d+/);
    expect(exposition).toMatch(/grpc_client_handling_seconds_count\{service="digicraft.test.v1.Probe",method="Check"\} \d+/);
    const handled = serverLog.lines().filter((l) => l.msg === 'gRPC call handled' && l.grpcCode === 'FAILED_PRECONDITION');
    expect(handled).toHaveLength(2);
    expect(handled[0]).toMatchObject({ grpcMethod: '/digicraft.test.v1.Probe/Check' });
    expect(typeof handled[0]?.durationMs).toBe('number');
  });

  it('refuses a client or a call without a positive deadline', async () => {
    expect(() =>
      createGrpcClient(ProbeClient, '127.0.0.1:1', { logger: serverLog.logger, deadlineMs: 0, serviceName: 'probe' }),
    ).toThrow(RangeError);
    await expect(call(client, 'check', { service: '' }, { deadlineMs: Number.POSITIVE_INFINITY })).rejects.toThrow(RangeError);
    // @ts-expect-error only the generated unary methods are callable, by name
    await expect(call(client, 'close', { service: '' })).rejects.toThrow();
  });
});
