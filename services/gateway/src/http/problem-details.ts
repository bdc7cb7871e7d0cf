import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDigiCraftError, type FieldViolation } from '@digicraft/errors';
import { RateLimitedError } from '../domain/errors';
import { buildProblem, statusOf } from '../domain/problem';
import { fieldViolations, type SchemaViolation } from './validation-fields';

export interface ProblemDetailsOptions {
  /** Retry-After sent with 503 when a downstream service is down or slow. */
  readonly retryAfterSeconds: number;
}

interface Mapped {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly errors?: readonly FieldViolation[];
}

/** fastify's own errors that are the client's fault, with our stable codes. */
const FASTIFY_CODES: Readonly<Record<string, { status: number; code: string }>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'DC_ERR_BODY_TOO_LARGE' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'DC_ERR_UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'DC_ERR_MALFORMED_JSON' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'DC_ERR_MALFORMED_JSON' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'DC_ERR_BAD_REQUEST' },
};

function mapError(error: FastifyError): Mapped {
  if (isDigiCraftError(error)) {
    const status = statusOf(error);
    // Internal messages are for us, not for callers.
    const detail = status === 500 ? 'Internal error' : error.message;
    return { status, code: error.code, detail, errors: error.fields };
  }
  if (error.validation) {
    const errors = fieldViolations(error.validation as unknown as SchemaViolation[], error.validationContext);
    return { status: 400, code: 'DC_ERR_VALIDATION', detail: 'The request has invalid fields', errors };
  }
  const known = error.code ? FASTIFY_CODES[error.code] : undefined;
  if (known) return { ...known, detail: error.message };
  if (error instanceof SyntaxError) return { status: 400, code: 'DC_ERR_MALFORMED_JSON', detail: 'The body is not valid JSON' };
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return { status, code: 'DC_ERR_BAD_REQUEST', detail: error.message };
  return { status: 500, code: 'DC_ERR_INTERNAL', detail: 'Internal error' };
}

/** Sends a problem document; shared by the error and not-found handlers. */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, mapped: Mapped): FastifyReply {
  const problem = buildProblem({ ...mapped, instance: request.url.split('?')[0] ?? request.url, requestId: request.id });
  // Pre-serialized so that no response schema can drop members of the problem document.
  return reply.code(mapped.status).type('application/problem+json').send(JSON.stringify(problem));
}

/** Every error leaves as RFC 9457 problem+json with a stable code (and every bad field). */
export function registerProblemDetails(app: FastifyInstance, options: ProblemDetailsOptions): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const mapped = mapError(error);
    if (mapped.status >= 500) {
      if (mapped.status === 503) {
        reply.header('retry-after', String(options.retryAfterSeconds));
        request.log.warn({ errCode: mapped.code, detail: error.message }, 'downstream unavailable');
      } else {
        request.log.error({ err: error }, 'request failed');
      }
    }
    if (error instanceof RateLimitedError) reply.header('retry-after', String(error.retryAfterSeconds));
    return sendProblem(request, reply, mapped);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(request, reply, { status: 404, code: 'DC_ERR_ROUTE_NOT_FOUND', detail: `No route ${request.method} ${request.url.split('?')[0]}` }),
  );
}
