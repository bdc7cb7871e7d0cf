import type { Actor, UnaryCallOptions } from '@digicraft/grpc';
import type { commonV1 } from '@digicraft/contracts';
import type { FastifyRequest } from 'fastify';
import { toProtoRole } from '../domain/roles';
import type { RequestActor } from '../http/fastify-types';

/** The caller as gRPC metadata (what the services' handlers read)… */
function metadataActor(actor: RequestActor | undefined): Actor | undefined {
  return actor === undefined ? undefined : { id: actor.id, roles: actor.roles };
}

/** …and as the `actor` field the requests carry. */
export function protoActor(actor: RequestActor | undefined): commonV1.Actor | undefined {
  return actor === undefined ? undefined : { accountId: actor.id, roles: actor.roles.map(toProtoRole) };
}

/** The options of a call made for this request: its actor and the ids its log lines carry. */
export function onBehalfOf(request: FastifyRequest, options: Omit<UnaryCallOptions, 'actor' | 'context'> = {}): UnaryCallOptions {
  return { ...options, actor: metadataActor(request.actor), context: request.logContext };
}
