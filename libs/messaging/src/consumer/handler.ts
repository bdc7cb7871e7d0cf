import type { EventEnvelope } from '../envelope';
import type { EventDefinition } from '../event-codec';
import type { MessagingLogger } from '../logger';

export interface HandlerContext {
  readonly group: string;
  /** Where the message was read (the `.retry` topic on a second chance). */
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /** 1-based attempt within the current stage. */
  readonly attempt: number;
  readonly logger: MessagingLogger;
}

/**
 * Applies one event. Delivery is at least once: the subscriber skips ids recorded in its inbox,
 * but the inbox is written after the handlers of a batch ran, so a crash between the handler's
 * effect and that write redelivers the event. Handlers MUST therefore be idempotent on their
 * own, by natural key and/or aggregate version (upsert keyed by the aggregate id, "apply only if
 * event version > stored version", insert with a unique key and ignore duplicates). Throw to
 * signal failure: the event is retried, then moved to `<topic>.retry`, then `<topic>.dlq`.
 */
export type EventHandler<T> = (event: EventEnvelope<T>, context: HandlerContext) => Promise<void>;

/**
 * Applies the events of one type from one batch, in offset order, typically with one bulk write.
 * The same idempotence rules as EventHandler apply to every event in it.
 */
export type BatchEventHandler<T> = (events: readonly EventEnvelope<T>[], context: HandlerContext) => Promise<void>;

export interface BatchHandlerOptions {
  /**
   * 'inbox' (default): applied event ids are recorded and skipped on redelivery.
   * 'natural-key': the handler's effect is idempotent by itself (insert with a unique natural key,
   * version-guarded upsert), so the inbox lookup and record are skipped (DESIGN.md allows either).
   */
  readonly idempotency?: 'inbox' | 'natural-key';
}

export interface HandlerRegistration<T> {
  readonly definition: EventDefinition<T>;
  readonly handler: EventHandler<T>;
}
