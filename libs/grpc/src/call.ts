import type { CallOptions, Client, ClientUnaryCall, Metadata, ServiceError } from '@grpc/grpc-js';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { currentLogContext, type LogContext } from '@digicraft/logging';
import { assertDeadline, type DigiCraftGrpcClient } from './client';
import { fromGrpcError, isServiceError } from './error-status';
import { outgoingMetadata, type Actor, type ExtraMetadata } from './metadata';
import { labelsFromPath, recordCall, startTimer, statusName } from './metrics';

/** The last overload of a ts-proto unary client method, which is the one conditional types see. */
type UnaryStub<Req, Res> = (
  request: Req,
  metadata: Metadata,
  options: Partial<CallOptions>,
  callback: (error: ServiceError | null, response: Res) => void,
) => ClientUnaryCall;

/** Names of the unary methods of a generated client (`'getCompetition' | 'register' | …`). */
export type UnaryMethodName<C> = {
  [K in keyof C]: C[K] extends UnaryStub<infer _Req, infer _Res> ? K : never;
}[keyof C] &
  string;

export type RequestOf<C, M extends keyof C> = C[M] extends UnaryStub<infer Req, infer _Res> ? Req : never;
export type ResponseOf<C, M extends keyof C> = C[M] extends UnaryStub<infer _Req, infer Res> ? Res : never;

export interface UnaryCallOptions {
  /** Overrides the client's default deadline for this call. */
  readonly deadlineMs?: number;
  readonly metadata?: ExtraMetadata;
  /** The authenticated user the call is made for (the gateway sets this). */
  readonly actor?: Actor;
  /** The request/correlation/trace ids to forward; the ambient log context when omitted. */
  readonly context?: LogContext;
  /** Cancels the call, e.g. when the HTTP request that needed it was aborted. */
  readonly signal?: AbortSignal;
}

/**
 * One unary call with a deadline, the caller's request/correlation/trace ids in metadata,
 * metrics, and errors rebuilt as DigiCraftErrors:
 * `const competition = await call(registration, 'getCompetition', { id }, { deadlineMs: 500 })`.
 */
export async function call<C extends Client, M extends UnaryMethodName<C>>(
  client: DigiCraftGrpcClient<C>,
  method: M,
  request: RequestOf<C, M>,
  options: UnaryCallOptions = {},
): Promise<ResponseOf<C, M>> {
  const deadlineMs = options.deadlineMs ?? client.deadlineMs;
  assertDeadline(deadlineMs, `deadlineMs of ${client.serviceName}.${method}`);
  const definition = client.definition[method];
  // The types already allow only unary methods; this guards callers that cast their way around them.
  if (definition === undefined || definition.requestStream || definition.responseStream) {
    throw new TypeError(`${method} is not a unary method of the ${client.serviceName} client`);
  }
  const labels = labelsFromPath(definition.path);
  const metadata = outgoingMetadata(options.context ?? currentLogContext(), options.actor, options.metadata);
  const stub = client.stub[method] as unknown as UnaryStub<RequestOf<C, M>, ResponseOf<C, M>>;
  const elapsed = startTimer();

  const finish = (code: number): void => {
    const seconds = elapsed();
    recordCall('client', labels, code, seconds);
    const line = {
      grpcTarget: client.serviceName,
      grpcMethod: `/${labels.service}/${labels.method}`,
      grpcCode: statusName(code),
      durationMs: Math.round(seconds * 1e4) / 10,
    };
    client.logger.debug(line, 'gRPC call made');
  };

  try {
    const response = await new Promise<ResponseOf<C, M>>((resolve, reject) => {
      if (options.signal?.aborted === true) {
        reject(options.signal.reason);
        return;
      }
      const pending = stub.call(client.stub, request, metadata, { deadline: Date.now() + deadlineMs }, (error, res) => {
        options.signal?.removeEventListener('abort', cancel);
        if (error) reject(error);
        else resolve(res);
      });
      const cancel = (): void => pending.cancel();
      options.signal?.addEventListener('abort', cancel, { once: true });
    });
    finish(GrpcStatus.OK);
    return response;
  } catch (error) {
    finish(isServiceError(error) ? error.code : GrpcStatus.UNKNOWN);
    throw fromGrpcError(error, { serviceName: client.serviceName, deadlineMs });
  }
}
