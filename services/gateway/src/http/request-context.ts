import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { newTraceContext, parseTraceparent, runWithLogContext } from '@digicraft/logging';

export const REQUEST_ID_HEADER = 'x-request-id';
const SAFE_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

/** Keeps a well-formed caller-supplied id (so a trace can span systems), otherwise a new one. */
export function generateRequestId(request: { headers: FastifyRequest['headers'] }): string {
  const incoming = request.headers[REQUEST_ID_HEADER];
  return typeof incoming === 'string' && SAFE_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * Every response carries the request id; every log line written while handling the request
 * (ours and the gRPC client's, which forwards it to the service) carries it too.
 */
export function registerRequestContext(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    const header = request.headers.traceparent;
    const trace = newTraceContext(parseTraceparent(typeof header === 'string' ? header : undefined));
    const correlation = request.headers['x-correlation-id'];
    runWithLogContext(
      {
        requestId: request.id,
        correlationId: typeof correlation === 'string' && SAFE_ID.test(correlation) ? correlation : request.id,
        traceId: trace.traceId,
        spanId: trace.spanId,
      },
      done,
    );
  });
  // One line per request, without headers or bodies (they may hold tokens and personal data).
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      { method: request.method, route: request.routeOptions.url ?? 'unknown', statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request completed',
    );
    done();
  });
}
