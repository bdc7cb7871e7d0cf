import { status as GrpcStatus, type handleUnaryCall, type ServerUnaryCall } from '@grpc/grpc-js';
import { DigiCraftError } from '@digicraft/errors';
import { runWithLogContext, type Logger } from '@digicraft/logging';
import type { CallContext, UnaryHandler } from './call-context';
import { toGrpcError } from './error-status';
import { readActor, readIncomingIds } from './metadata';
import { labelsFromPath, recordCall, startTimer, statusName } from './metrics';

export interface UnaryWrapOptions {
  readonly logger: Logger;
  /** Log the per-call line at debug instead of info (health probes would drown real calls). */
  readonly quiet?: boolean;
}

function deadlineOf<Req, Res>(call: ServerUnaryCall<Req, Res>): Date | undefined {
  const deadline = call.getDeadline();
  if (deadline instanceof Date) return deadline;
  return Number.isFinite(deadline) ? new Date(deadline) : undefined;
}

/**
 * Turns an async handler into a grpc-js unary handler: runs it inside the caller's log context,
 * maps what it throws through toGrpcError, logs one line and counts the call.
 */
export function wrapUnary<Req, Res>(
  path: string,
  handler: UnaryHandler<Req, Res>,
  options: UnaryWrapOptions,
): handleUnaryCall<Req, Res> {
  const labels = labelsFromPath(path);
  const { logger } = options;
  const logLevel = options.quiet === true ? 'debug' : 'info';

  return (call, callback) => {
    const elapsed = startTimer();
    const ids = readIncomingIds(call.metadata);
    const deadline = deadlineOf(call);
    const controller = new AbortController();
    let answered = false;
    // grpc-js also emits 'cancelled' once an answered call's stream closes: only a cancel before
    // the answer means the caller gave up (and only then is an error worth building).
    call.once('cancelled', () => {
      if (answered) return;
      const expired = deadline !== undefined && Date.now() >= deadline.getTime();
      controller.abort(
        expired
          ? new DigiCraftError('DC_ERR_DEADLINE_EXCEEDED', 'deadline-exceeded', 'The caller stopped waiting')
          : new DigiCraftError('DC_ERR_CANCELLED', 'unavailable', 'The caller cancelled the call'),
      );
    });

    const finish = (code: GrpcStatus): void => {
      // After a cancel grpc-js has already answered the caller; count what the caller saw.
      const reason: unknown = controller.signal.reason;
      const seen =
        controller.signal.aborted && reason instanceof DigiCraftError
          ? reason.kind === 'deadline-exceeded'
            ? GrpcStatus.DEADLINE_EXCEEDED
            : GrpcStatus.CANCELLED
          : code;
      const seconds = elapsed();
      answered = true;
      recordCall('server', labels, seen, seconds);
      logger[logLevel](
        { grpcMethod: path, grpcCode: statusName(seen), durationMs: Math.round(seconds * 1e4) / 10 },
        'gRPC call handled',
      );
    };

    const logContext = {
      requestId: ids.requestId,
      correlationId: ids.correlationId,
      traceId: ids.trace.traceId,
      spanId: ids.trace.spanId,
    };
    runWithLogContext(logContext, () => {
      const context: CallContext = {
        method: path,
        metadata: call.metadata,
        requestId: ids.requestId,
        correlationId: ids.correlationId,
        traceId: ids.trace.traceId,
        spanId: ids.trace.spanId,
        actor: readActor(call.metadata),
        deadline,
        signal: controller.signal,
        logger,
      };
      // Promise.resolve().then turns a synchronous throw into a rejection, so it is mapped too.
      Promise.resolve()
        .then(() => handler(call.request, context))
        .then(
          (response) => {
            finish(GrpcStatus.OK);
            callback(null, response);
          },
          (error: unknown) => {
            const serviceError = toGrpcError(error, logger);
            finish(serviceError.code);
            callback(serviceError);
          },
        );
    });
  };
}
