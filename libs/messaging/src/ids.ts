import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

/** Event ids are UUIDv7: time-ordered, so they sort roughly by creation and index well. */
export function newEventId(): string {
  return uuidv7();
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

const TRACEPARENT_PATTERN = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

export function isTraceparent(value: string): boolean {
  return TRACEPARENT_PATTERN.test(value);
}

/** A fresh W3C traceparent for an event caused by no traced request (a new trace root). */
export function newRootTraceparent(): string {
  return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
}
