import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, RawRequestDefaultExpression } from 'fastify';
import { newTraceContext, parseTraceparent, withLogContext, type LogContext, type Logger } from '@digicraft/logging';

export const REQUEST_ID_HEADER = 'x-request-id';
const SAFE_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

/** Keeps a well-formed caller-supplied id (so a trace can span systems), otherwise a new one. */
export function generateRequestId(request: { headers: FastifyRequest['headers'] }): string {
  const incoming = request.headers[REQUEST_ID_HEADER];
  return typeof incoming === 'string' && SAFE_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * The ids of each request, held explicitly rather than in AsyncLocalStorage (see
 * withLogContext): the request's logger carries them and the gRPC calls made for it forward
 * them (`request.logContext`), so the service's log lines show the same request id.
 */
const contexts = new WeakMap<IncomingMessage, LogContext>();

function requestLogContext(requestId: string, raw: IncomingMessage): LogContext {
  const header = raw.headers.traceparent;
  const trace = newTraceContext(parseTraceparent(typeof header === 'string' ? header : undefined));
  const correlation = raw.headers['x-correlation-id'];
  return Object.freeze({
    requestId,
    correlationId: typeof correlation === 'string' && SAFE_ID.test(correlation) ? correlation : requestId,
    traceId: trace.traceId,
    spanId: trace.spanId,
  });
}

/** fastify's `childLoggerFactory`: `request.log` and `reply.log` carry the request's ids. */
export function requestLogger(this: FastifyInstance, logger: FastifyBaseLogger, bindings: { reqId?: unknown }, _options: unknown, raw: RawRequestDefaultExpression): FastifyBaseLogger {
  const ctx = requestLogContext(String(bindings.reqId), raw);
  contexts.set(raw, ctx);
  return withLogContext(logger as Logger, ctx) as FastifyBaseLogger;
}

/** Every response carries the request id; one access line per request. */
export function registerRequestContext(app: FastifyInstance): void {
  app.decorateRequest('logContext', {
    getter(this: FastifyRequest): LogContext | undefined {
      return contexts.get(this.raw);
    },
  });
  app.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  // Without headers or bodies (they may hold tokens and personal data).
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      { method: request.method, route: request.routeOptions.url ?? 'unknown', statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request completed',
    );
    done();
  });
}
