import { randomUUID } from 'node:crypto';
import { Metadata } from '@grpc/grpc-js';
import {
  formatTraceparent,
  newTraceContext,
  parseTraceparent,
  type LogContext,
  type TraceContext,
} from '@digicraft/logging';

/** Metadata keys we read and write. gRPC lowercases keys on the wire, so they are lowercase here. */
export const METADATA_KEYS = Object.freeze({
  requestId: 'x-request-id',
  correlationId: 'x-correlation-id',
  traceparent: 'traceparent',
  actorId: 'x-actor-id',
  actorRoles: 'x-actor-roles',
  /** The client's Idempotency-Key, for creates that have no natural key to settle a retry on. */
  idempotencyKey: 'idempotency-key',
  errorCode: 'dc-error-code',
  errorFields: 'dc-error-fields',
});

/** An Idempotency-Key's shape: 1-255 visible ASCII characters (also what gRPC metadata can carry). */
export function isIdempotencyKey(key: unknown): key is string {
  return typeof key === 'string' && /^[\x21-\x7e]{1,255}$/.test(key);
}

/** The caller's Idempotency-Key when it sent a well-formed one. */
export function readIdempotencyKey(metadata: Metadata): string | undefined {
  const key = metadataString(metadata, METADATA_KEYS.idempotencyKey);
  return isIdempotencyKey(key) ? key : undefined;
}

/** Who is calling, as the gateway authenticated them. Services trust it because only the gateway is public. */
export interface Actor {
  readonly id: string;
  readonly roles: readonly string[];
}

/** The ids a server call runs under: taken from the caller when well formed, otherwise new. */
export interface IncomingIds {
  readonly requestId: string;
  readonly correlationId: string;
  readonly trace: TraceContext;
}

// Ids end up in every log line, so a caller must not be able to inject newlines or megabytes.
const SAFE_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

export function metadataString(metadata: Metadata, key: string): string | undefined {
  const [first] = metadata.get(key);
  return typeof first === 'string' && first.length > 0 ? first : undefined;
}

function safeId(value: string | undefined): string | undefined {
  return value !== undefined && SAFE_ID.test(value) ? value : undefined;
}

export function readIncomingIds(metadata: Metadata): IncomingIds {
  const requestId = safeId(metadataString(metadata, METADATA_KEYS.requestId)) ?? randomUUID();
  const correlationId = safeId(metadataString(metadata, METADATA_KEYS.correlationId)) ?? requestId;
  // The handler is a new span in the caller's trace (or the first span of a new one).
  const parent = parseTraceparent(metadataString(metadata, METADATA_KEYS.traceparent));
  return { requestId, correlationId, trace: newTraceContext(parent) };
}

export function readActor(metadata: Metadata): Actor | undefined {
  const id = safeId(metadataString(metadata, METADATA_KEYS.actorId));
  if (id === undefined) return undefined;
  const roles = (metadataString(metadata, METADATA_KEYS.actorRoles) ?? '')
    .split(',')
    .map((role) => role.trim())
    .filter((role) => role.length > 0);
  return { id, roles };
}

export type ExtraMetadata = Metadata | Readonly<Record<string, string>>;

/** Metadata for an outgoing call: the caller's ids from the log context, the actor, then extras. */
export function outgoingMetadata(context: LogContext | undefined, actor?: Actor, extra?: ExtraMetadata): Metadata {
  const metadata = new Metadata();
  if (context?.requestId !== undefined) metadata.set(METADATA_KEYS.requestId, context.requestId);
  if (context?.correlationId !== undefined) metadata.set(METADATA_KEYS.correlationId, context.correlationId);
  if (context?.traceId !== undefined && context.spanId !== undefined) {
    // Our current span becomes the parent of the server's span.
    const traceparent = formatTraceparent({ traceId: context.traceId, spanId: context.spanId, sampled: true });
    metadata.set(METADATA_KEYS.traceparent, traceparent);
  }
  if (actor !== undefined) {
    metadata.set(METADATA_KEYS.actorId, actor.id);
    metadata.set(METADATA_KEYS.actorRoles, actor.roles.join(','));
  }
  if (extra instanceof Metadata) {
    metadata.merge(extra);
  } else if (extra !== undefined) {
    for (const [key, value] of Object.entries(extra)) metadata.set(key, value);
  }
  return metadata;
}
