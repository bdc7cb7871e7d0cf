import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { UnavailableError, ValidationError } from '@digicraft/errors';
import { isIdempotencyKey } from '@digicraft/grpc';
import { IdempotencyInProgressError, IdempotencyKeyReusedError } from '../domain/errors';
import type { IdempotencyStore } from '../redis/idempotency-store';
import { routeAccess } from './fastify-types';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotency-replayed';
/** How long a claimed key may stay without a response (a crashed request frees it then). */
const PENDING_TTL_MS = 60_000;

export interface IdempotencyOptions {
  readonly store: IdempotencyStore;
  readonly ttlSeconds: number;
}

interface Pending {
  readonly scope: string;
  readonly bodyHash: string;
  readonly ttlSeconds: number;
}

const pending = new WeakMap<FastifyRequest, Pending>();

/** Key order must not make two equal bodies differ. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * `Idempotency-Key` on POST: the first response for (caller, path, key) is kept and replayed
 * with `Idempotency-Replayed: true`; the same key with another body is 422. Server errors and
 * 429 are not kept, so the client may retry them with the same key.
 */
export function registerIdempotency(app: FastifyInstance, options: IdempotencyOptions): void {
  // Registered after the auth hook, so the scope can use the account.
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST') return;
    const key = request.headers[IDEMPOTENCY_HEADER];
    if (key === undefined) return;
    if (!isIdempotencyKey(key)) {
      throw new ValidationError([{ field: 'header.idempotency-key', message: 'must be 1-255 visible ASCII characters' }]);
    }
    const caller = request.actor ? `acct:${request.actor.id}` : `ip:${request.ip}`;
    const scope = `${caller}:${request.url}:${createHash('sha256').update(key).digest('hex')}`;
    const bodyHash = createHash('sha256').update(canonicalJson(request.body ?? null)).digest('hex');
    const outcome = await options.store.begin(scope, bodyHash, PENDING_TTL_MS).catch((err: unknown) => {
      throw new UnavailableError('The idempotency store', err);
    });
    if (outcome.kind === 'mismatch') throw new IdempotencyKeyReusedError();
    if (outcome.kind === 'in-progress') throw new IdempotencyInProgressError();
    if (outcome.kind === 'replay') {
      const { response } = outcome;
      reply.code(response.statusCode).header(REPLAYED_HEADER, 'true');
      if (response.contentType) reply.type(response.contentType);
      return reply.send(response.body);
    }
    const ttlSeconds = routeAccess(request.routeOptions.config).idempotencyTtlSeconds ?? options.ttlSeconds;
    pending.set(request, { scope, bodyHash, ttlSeconds: Math.min(ttlSeconds, options.ttlSeconds) });
    return undefined;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = pending.get(request);
    if (claim === undefined) return payload;
    pending.delete(request);
    const status = reply.statusCode;
    try {
      if (status >= 500 || status === 429 || typeof payload !== 'string') {
        await options.store.release(claim.scope);
      } else {
        const contentType = reply.getHeader('content-type');
        await options.store.complete(
          claim.scope,
          claim.bodyHash,
          { statusCode: status, contentType: typeof contentType === 'string' ? contentType : undefined, body: payload },
          claim.ttlSeconds,
        );
      }
    } catch (err) {
      request.log.warn({ err: { message: (err as Error).message } }, 'could not record the idempotent response');
    }
    return payload;
  });
}
