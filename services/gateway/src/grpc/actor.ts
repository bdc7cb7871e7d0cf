import { isIdempotencyKey, METADATA_KEYS, type Actor, type UnaryCallOptions } from '@digicraft/grpc';
import type { commonV1 } from '@digicraft/contracts';
import type { FastifyRequest } from 'fastify';
import { toProtoRole } from '../domain/roles';
import type { RequestActor } from '../http/fastify-types';
import { IDEMPOTENCY_HEADER } from '../http/idempotency';

/** The caller as gRPC metadata (what the services' handlers read)… */
function metadataActor(actor: RequestActor | undefined): Actor | undefined {
  return actor === undefined ? undefined : { id: actor.id, roles: actor.roles };
}

/** …and as the `actor` field the requests carry. */
export function protoActor(actor: RequestActor | undefined): commonV1.Actor | undefined {
  return actor === undefined ? undefined : { accountId: actor.id, roles: actor.roles.map(toProtoRole) };
}

/**
 * The options of a call made for this request: its actor, the ids its log lines carry, and the
 * client's Idempotency-Key (a service whose create has no natural key settles retries on it: a
 * retry after a lost answer, which the gateway does not replay, must not create twice).
 */
export function onBehalfOf(request: FastifyRequest, options: Omit<UnaryCallOptions, 'actor' | 'context' | 'metadata'> = {}): UnaryCallOptions {
  const key = request.headers[IDEMPOTENCY_HEADER];
  return {
    ...options,
    actor: metadataActor(request.actor),
    context: request.logContext,
    ...(isIdempotencyKey(key) ? { metadata: { [METADATA_KEYS.idempotencyKey]: key } } : {}),
  };
}
