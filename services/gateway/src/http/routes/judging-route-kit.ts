import { call, type RequestOf, type ResponseOf, type UnaryMethodName } from '@digicraft/grpc';
import type { judgingV1 } from '@digicraft/contracts';
import type { FastifyRequest } from 'fastify';
import { onBehalfOf, protoActor } from '../../grpc/actor';
import type { DownstreamClients } from '../../grpc/downstream-clients';

type Stub = judgingV1.JudgingServiceClient;

/**
 * One judging call on behalf of the request's actor (the actor also rides in the request body).
 * `bulk`: the call works through a whole track, and gets the bulk deadline.
 */
export function judgingCall(downstream: DownstreamClients) {
  return <M extends UnaryMethodName<Stub>>(request: FastifyRequest, method: M, body: Omit<RequestOf<Stub, M>, 'actor'>, kind: 'interactive' | 'bulk' = 'interactive'): Promise<ResponseOf<Stub, M>> =>
    call(downstream.judging, method, { ...body, actor: protoActor(request.actor) } as RequestOf<Stub, M>, onBehalfOf(request, kind === 'bulk' ? { deadlineMs: downstream.bulkDeadlineMs } : {}));
}

export const toHundredths = (points: number): number => Math.round(points * 100);
export const toPoints = (hundredths: number): number => hundredths / 100;

export const trackParams = {
  type: 'object',
  required: ['id', 'trackId'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 128 }, trackId: { type: 'string', minLength: 1, maxLength: 128 } },
} as const;

export const entryParams = {
  type: 'object',
  required: ['entryId'],
  properties: { entryId: { type: 'string', minLength: 1, maxLength: 128 } },
} as const;

export interface TrackParams {
  id: string;
  trackId: string;
}

export interface EntryParams {
  entryId: string;
}

/** Open-ended JSON object response (the shapes are documented per route in `description`). */
export const jsonObject = { type: 'object', additionalProperties: true } as const;
