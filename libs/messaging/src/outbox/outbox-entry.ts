import type { Message } from 'kafkajs';
import { encodeHeaders, PROTOBUF_CONTENT_TYPE, type EnvelopeMeta } from '../envelope';
import type { EventDefinition } from '../event-codec';
import { newEventId, newRootTraceparent } from '../ids';

/**
 * One event waiting in (and afterwards remembered by) its aggregate document's `outbox` array.
 * Everything needed to publish it is here, so the relay never has to understand the aggregate.
 */
export interface OutboxEntry {
  readonly id: string;
  readonly type: string;
  readonly topic: string;
  /** Kafka key: the id whose order consumers rely on (defaults to the subject). */
  readonly key: string;
  readonly subject: string;
  /** RFC 3339 creation time. The sweep relies on it: create entries right before the write. */
  readonly time: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly traceparent: string;
  readonly payload: Buffer;
}

export interface NewEventInput {
  readonly subject: string;
  readonly key?: string;
  /** The event or request this one is a reaction to: correlation and trace are carried over. */
  readonly causedBy?: Pick<EnvelopeMeta, 'id' | 'correlationId' | 'traceparent'>;
  readonly correlationId?: string;
  readonly traceparent?: string;
}

/** Builds an outbox entry; write it in the same single-document write as the state change. */
export function createOutboxEntry<T>(definition: EventDefinition<T>, payload: T, input: NewEventInput): OutboxEntry {
  const id = newEventId();
  return {
    id,
    type: definition.type,
    topic: definition.topic,
    key: input.key ?? input.subject,
    subject: input.subject,
    time: new Date().toISOString(),
    // A root event correlates and causes itself, so both headers are always present.
    correlationId: input.correlationId ?? input.causedBy?.correlationId ?? id,
    causationId: input.causedBy?.id ?? id,
    traceparent: input.traceparent ?? input.causedBy?.traceparent ?? newRootTraceparent(),
    payload: Buffer.from(definition.codec.encode(payload).finish()),
  };
}

/** Fields to spread into a document being inserted together with its events. */
export function outboxFieldsForInsert(events: readonly OutboxEntry[]): { outbox: OutboxEntry[]; outboxAt: Date } {
  return { outbox: [...events], outboxAt: new Date() };
}

export interface OutboxUpdateOperators {
  $set?: Record<string, unknown>;
  $push?: Record<string, unknown>;
  [operator: `$${string}`]: Record<string, unknown> | undefined;
}

/**
 * Update operators that append the events; pass the state change's own update as `update` and
 * its `$set` / `$push` are merged with the outbox's (spreading would silently drop one `$set`).
 */
export function outboxUpdate<U extends OutboxUpdateOperators>(
  events: readonly OutboxEntry[],
  update?: U,
): U & { $push: { outbox: { $each: OutboxEntry[] } }; $set: { outboxAt: Date } } {
  return {
    ...(update ?? ({} as U)),
    $push: { ...update?.$push, outbox: { $each: [...events] } },
    $set: { ...update?.$set, outboxAt: new Date() },
  };
}

/** Stored entries come back with BSON Binary payloads; this turns them back into Buffers. */
export function normalizeStoredEntry(stored: Omit<OutboxEntry, 'payload'> & { payload: unknown }): OutboxEntry {
  return { ...stored, payload: payloadBuffer(stored.payload) };
}

function payloadBuffer(payload: unknown): Buffer {
  if (Buffer.isBuffer(payload)) return payload;
  if (payload instanceof Uint8Array) return Buffer.from(payload);
  if (typeof payload === 'object' && payload !== null && 'buffer' in payload) {
    const inner = (payload as { buffer: unknown }).buffer;
    if (inner instanceof Uint8Array) return Buffer.from(inner);
  }
  throw new TypeError('outbox entry payload is not binary');
}

export function envelopeOf(entry: OutboxEntry, source: string): EnvelopeMeta {
  return {
    id: entry.id,
    type: entry.type,
    source,
    time: entry.time,
    subject: entry.subject,
    correlationId: entry.correlationId,
    causationId: entry.causationId,
    traceparent: entry.traceparent,
    contentType: PROTOBUF_CONTENT_TYPE,
  };
}

export function toKafkaMessage(entry: OutboxEntry, source: string): Message {
  return { key: entry.key, value: entry.payload, headers: encodeHeaders(envelopeOf(entry, source)) };
}
