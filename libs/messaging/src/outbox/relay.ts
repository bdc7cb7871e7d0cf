import { randomUUID } from 'node:crypto';
import { errorMessage, silentLogger, type MessagingLogger } from '../logger';
import type { Db } from '../mongo-util';
import type { Publisher } from '../publisher';
import type { OutboxEntry } from './outbox-entry';
import { markSent } from './sent-markers';
import { sweepOutboxes, type SweepResult } from './sweep';
import { acquireSweepLease, releaseSweepLease } from './sweep-lease';
import { setTimeout as sleep } from 'node:timers/promises';

export interface OutboxRelayOptions {
  readonly db: Db;
  readonly publisher: Publisher;
  /** Collections whose documents carry `outbox` / `outboxAt`; the sweep scans these. */
  readonly collections: readonly string[];
  readonly logger?: MessagingLogger;
  /** Most events in one produce request. Default 500. */
  readonly batchSize?: number;
  /** How long the fast path waits for more events before sending a partial batch. Default 5 ms. */
  readonly lingerMs?: number;
  /** Beyond this many queued events, new ones are left to the sweep. Default 100,000. */
  readonly maxQueued?: number;
  /** Sweep interval while sweeps find work or the fast path has trouble. Default 5 s. */
  readonly sweepIntervalMs?: number;
  /**
   * While sweeps find nothing and the fast path has no trouble, the interval doubles up to this
   * (default 60 s): on FerretDB every sweep reads whole collections, which during a burst took
   * CPU from the writes. A restarted process sweeps at once, so this only bounds how late the
   * events of a process that crashed and never came back are sent.
   */
  readonly maxSweepIntervalMs?: number;
  readonly minAgeMs?: number;
  readonly graceMs?: number;
  readonly leaseMs?: number;
  /** How long stop() may spend flushing the queue. Default 10 s. */
  readonly stopTimeoutMs?: number;
}

export interface OutboxRelay {
  /** Starts the periodic sweep (the first one runs at once). */
  start(): void;
  /** Hands freshly written entries to the fast path. Call only after the write was acknowledged. */
  enqueue(entries: readonly OutboxEntry[]): void;
  /** Runs one sweep now if this instance gets the lease; undefined when another instance holds it. */
  sweepNow(): Promise<SweepResult | undefined>;
  /** Events waiting on the fast path. */
  readonly pending: number;
  /** Flushes the queue (bounded by stopTimeoutMs), stops sweeping, releases the lease. */
  stop(): Promise<void>;
}


/**
 * The outbox relay. Fast path: enqueue → batch → idempotent produce → one insertMany of sent
 * markers. Safety net: a leased periodic sweep republishes whatever the fast path never marked
 * (see sweep.ts). It never updates aggregate documents, which on FerretDB would cost a full scan each.
 */
export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const logger = options.logger ?? silentLogger;
  const batchSize = options.batchSize ?? 500;
  const lingerMs = options.lingerMs ?? 5;
  const maxQueued = options.maxQueued ?? 100_000;
  const sweepIntervalMs = options.sweepIntervalMs ?? 5000;
  const maxSweepIntervalMs = Math.max(sweepIntervalMs, options.maxSweepIntervalMs ?? 60_000);
  let sweepDelayMs = sweepIntervalMs;
  /** Set when the fast path failed or left events to the sweep: sweep at the base interval. */
  let troubled = false;
  const leaseMs = options.leaseMs ?? Math.max(30_000, sweepIntervalMs * 3);
  const holder = randomUUID();
  const queue: OutboxEntry[] = [];
  let draining: Promise<void> | undefined;
  let stopping = false;
  let stopDeadline = Number.POSITIVE_INFINITY;
  let sweepTimer: NodeJS.Timeout | undefined;
  let sweeping: Promise<SweepResult | undefined> | undefined;

  // Sent markers of consecutive batches are coalesced into one insertMany while the previous
  // one is in flight: fewer store writes, which matters with a single-writer store.
  const unmarked: string[] = [];
  let marking: Promise<void> | undefined;
  const recordSent = (ids: string[]): void => {
    unmarked.push(...ids);
    marking ??= (async () => {
      while (unmarked.length > 0) {
        const batch = unmarked.splice(0, 5000);
        // Markers only save the sweep work; if this write fails the sweep republishes (harmless).
        await markSent(options.db, batch).catch((error: unknown) => {
          troubled = true;
          logger.warn({ err: errorMessage(error), events: batch.length }, 'could not record sent markers');
        });
      }
    })().finally(() => {
      marking = undefined;
    });
  };

  const publishWithRetry = async (batch: OutboxEntry[]): Promise<boolean> => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await options.publisher.publish(batch);
        return true;
      } catch (error) {
        troubled = true;
        if (Date.now() >= stopDeadline) return false;
        logger.warn({ err: errorMessage(error), events: batch.length, attempt }, 'outbox publish failed; retrying');
        // Retrying the same batch (instead of skipping it) keeps per-key order.
        await sleep(Math.min(5000, 200 * 2 ** Math.min(attempt, 5)));
      }
    }
  };

  const drain = async (): Promise<void> => {
    while (queue.length > 0) {
      if (queue.length < batchSize && lingerMs > 0 && !stopping) await sleep(lingerMs);
      const batch = queue.splice(0, batchSize);
      if (!(await publishWithRetry(batch))) {
        logger.warn({ events: batch.length + queue.length }, 'relay stopped before publishing; the sweep will');
        queue.length = 0;
        return;
      }
      recordSent(batch.map((entry) => entry.id));
    }
  };

  const kick = (): void => {
    draining ??= drain().finally(() => {
      draining = undefined;
      if (queue.length > 0 && Date.now() < stopDeadline) kick();
    });
  };

  const sweepNow = async (): Promise<SweepResult | undefined> => {
    if (sweeping) return sweeping;
    sweeping = (async () => {
      try {
        if (!(await acquireSweepLease(options.db, holder, leaseMs))) return undefined;
        return await sweepOutboxes({
          db: options.db,
          collections: options.collections,
          publisher: options.publisher,
          logger,
          minAgeMs: options.minAgeMs ?? 5000,
          graceMs: options.graceMs ?? 60_000,
          publishBatchSize: batchSize,
        });
      } finally {
        sweeping = undefined;
      }
    })();
    return sweeping;
  };

  /** Quiet sweeps (nothing to send, no trouble) double the delay; anything else resets it. */
  const nextSweepDelay = (result: SweepResult | undefined | 'failed'): number => {
    const quiet = result !== 'failed' && result !== undefined && result.published === 0 && result.failed === 0 && !troubled;
    troubled = false;
    sweepDelayMs = quiet ? Math.min(sweepDelayMs * 2, maxSweepIntervalMs) : sweepIntervalMs;
    return sweepDelayMs;
  };

  const scheduleSweep = (delayMs: number): void => {
    sweepTimer = setTimeout(() => {
      sweepNow()
        .catch((error: unknown): 'failed' => {
          logger.warn({ err: errorMessage(error) }, 'outbox sweep failed');
          return 'failed';
        })
        .then((result) => {
          if (!stopping) scheduleSweep(nextSweepDelay(result));
        });
    }, delayMs);
    sweepTimer.unref();
  };

  return {
    start: () => scheduleSweep(0),
    enqueue: (entries) => {
      if (stopping || queue.length + entries.length > maxQueued) {
        troubled = true;
        logger.warn({ events: entries.length }, 'relay queue unavailable; the sweep will publish these events');
        return;
      }
      queue.push(...entries);
      kick();
    },
    sweepNow,
    get pending() {
      return queue.length;
    },
    stop: async () => {
      stopping = true;
      stopDeadline = Date.now() + (options.stopTimeoutMs ?? 10_000);
      if (sweepTimer) clearTimeout(sweepTimer);
      await draining;
      // A sweep over large collections may outlast the stop budget; abandoning it is safe (the
      // next sweep, by any instance, redoes it), so wait only until the deadline. That timer only
      // bounds the wait: unreferenced, it does not keep a stopped process alive until the deadline.
      const untilDeadline = <T>(work: Promise<T> | undefined) =>
        Promise.race([work?.catch(() => undefined), sleep(Math.max(0, stopDeadline - Date.now()), undefined, { ref: false })]);
      await untilDeadline(sweeping);
      await untilDeadline(marking);
      await untilDeadline(releaseSweepLease(options.db, holder));
    },
  };
}
