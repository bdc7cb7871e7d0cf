import type { IHeaders } from 'kafkajs';
import { PoisonMessageError } from './errors';
import { isTraceparent, isUuid } from './ids';

export const PROTOBUF_CONTENT_TYPE = 'application/x-protobuf';

/** Kafka header names of the envelope (DESIGN.md "Events"). */
export const ENVELOPE_HEADERS = Object.freeze({
  id: 'id',
  type: 'type',
  source: 'source',
  time: 'time',
  subject: 'subject',
  correlationId: 'correlation-id',
  causationId: 'causation-id',
  traceparent: 'traceparent',
  contentType: 'content-type',
} as const);

/** Everything about an event except its payload: what travels in Kafka headers. */
export interface EnvelopeMeta {
  /** UUIDv7, unique per event; consumers deduplicate on it. */
  readonly id: string;
  /** Versioned type, e.g. `registration.confirmed.v1`. */
  readonly type: string;
  /** The producing service. */
  readonly source: string;
  /** RFC 3339 time the event was created (when the state change happened). */
  readonly time: string;
  /** The aggregate the event is about. */
  readonly subject: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly traceparent: string;
  readonly contentType: string;
}

/** A decoded event as a handler sees it. */
export interface EventEnvelope<T> extends EnvelopeMeta {
  /** The Kafka message key (the id whose order consumers rely on). */
  readonly key: string;
  readonly payload: T;
}

const TYPE_PATTERN = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+\.v[0-9]+$/;
const RFC3339_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function encodeHeaders(meta: EnvelopeMeta): Record<string, string> {
  return {
    [ENVELOPE_HEADERS.id]: meta.id,
    [ENVELOPE_HEADERS.type]: meta.type,
    [ENVELOPE_HEADERS.source]: meta.source,
    [ENVELOPE_HEADERS.time]: meta.time,
    [ENVELOPE_HEADERS.subject]: meta.subject,
    [ENVELOPE_HEADERS.correlationId]: meta.correlationId,
    [ENVELOPE_HEADERS.causationId]: meta.causationId,
    [ENVELOPE_HEADERS.traceparent]: meta.traceparent,
    [ENVELOPE_HEADERS.contentType]: meta.contentType,
  };
}

/** A header as text; kafkajs hands them over as Buffers. Repeated headers: the last one wins. */
export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const raw = headers?.[name];
  if (raw === undefined) return undefined;
  const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : value.toString('utf8');
}

/**
 * Reads and validates the envelope. Any missing or malformed header makes the message poison:
 * the error names the header so the DLQ entry says exactly what is wrong.
 */
export function decodeHeaders(headers: IHeaders | undefined): EnvelopeMeta {
  const read = (name: string): string => {
    const value = headerText(headers, name);
    if (value === undefined || value.length === 0) {
      throw new PoisonMessageError(`envelope header '${name}' is missing`);
    }
    return value;
  };
  const meta: EnvelopeMeta = {
    id: read(ENVELOPE_HEADERS.id),
    type: read(ENVELOPE_HEADERS.type),
    source: read(ENVELOPE_HEADERS.source),
    time: read(ENVELOPE_HEADERS.time),
    subject: read(ENVELOPE_HEADERS.subject),
    correlationId: read(ENVELOPE_HEADERS.correlationId),
    causationId: read(ENVELOPE_HEADERS.causationId),
    traceparent: read(ENVELOPE_HEADERS.traceparent),
    contentType: read(ENVELOPE_HEADERS.contentType),
  };
  const invalid = (name: string, value: string, why: string): PoisonMessageError =>
    new PoisonMessageError(`envelope header '${name}' is invalid (${why}): ${JSON.stringify(value.slice(0, 100))}`);
  if (!isUuid(meta.id)) throw invalid(ENVELOPE_HEADERS.id, meta.id, 'not a UUID');
  if (!TYPE_PATTERN.test(meta.type)) throw invalid(ENVELOPE_HEADERS.type, meta.type, 'expected <name>.v<major>');
  if (!RFC3339_PATTERN.test(meta.time) || Number.isNaN(Date.parse(meta.time))) {
    throw invalid(ENVELOPE_HEADERS.time, meta.time, 'not an RFC 3339 time');
  }
  if (!isTraceparent(meta.traceparent)) throw invalid(ENVELOPE_HEADERS.traceparent, meta.traceparent, 'not a W3C traceparent');
  if (meta.contentType !== PROTOBUF_CONTENT_TYPE) {
    throw invalid(ENVELOPE_HEADERS.contentType, meta.contentType, `expected ${PROTOBUF_CONTENT_TYPE}`);
  }
  return meta;
}
