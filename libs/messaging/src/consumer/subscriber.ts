import { deadLetterTopicOf, retryTopicOf } from '@digicraft/contracts';
import type { Consumer, EachBatchPayload, KafkaMessage, Kafka, Message } from 'kafkajs';
import { decodeHeaders, headerText, type EnvelopeMeta } from '../envelope';
import type { EventDefinition } from '../event-codec';
import { PoisonMessageError } from '../errors';
import { errorMessage, silentLogger, type MessagingLogger } from '../logger';
import type { Db } from '../mongo-util';
import type { Publisher } from '../publisher';
import { failedMessage, FAILURE_HEADERS } from './dead-letter';
import type { BatchEventHandler, BatchHandlerOptions, EventHandler, HandlerContext } from './handler';
import type { EventEnvelope } from '../envelope';
import { coalescing } from './coalescing';
import { findApplied, pruneInbox, recordApplied } from './inbox';
import { runKeyOrdered } from './key-ordered';
import { resolveRetryPolicy, runWithRetries, type RetryPolicy } from './retry-policy';
import { setTimeout as sleep } from 'node:timers/promises';

export interface SubscriberOptions {
  readonly kafka: Kafka;
  readonly db: Db;
  /** Consumer group and inbox namespace: the service name. */
  readonly group: string;
  /** Producer used to forward failed events to `.retry` / `.dlq`. */
  readonly publisher: Publisher;
  readonly logger?: MessagingLogger;
  readonly retry?: Partial<RetryPolicy>;
  /** A new group starts at the earliest offset (default) so no event published before it is missed. */
  readonly fromBeginning?: boolean;
  /** Handlers running at once within a batch (different keys only). Default 16. */
  readonly handlerConcurrency?: number;
  readonly partitionsConsumedConcurrently?: number;
  readonly sessionTimeoutMs?: number;
  /** How long applied ids are remembered. Default 7 days. */
  readonly inboxRetentionMs?: number;
  readonly inboxPruneIntervalMs?: number;
  /** How long stop() waits for running handlers before giving up on them. Default 3 s. */
  readonly stopTimeoutMs?: number;
}

export interface Subscriber {
  /** Registers the handler of one event type; its topic (and `.retry`) is subscribed on start. */
  on<T>(definition: EventDefinition<T>, handler: EventHandler<T>): Subscriber;
  /**
   * Registers a handler that applies all events of one type in a batch at once (one bulk write
   * instead of one write per event). If it throws, the events are retried one by one, so a
   * poison event is isolated and only it goes to `.retry` / `.dlq`.
   */
  onBatch<T>(definition: EventDefinition<T>, handler: BatchEventHandler<T>, options?: BatchHandlerOptions): Subscriber;
  start(): Promise<void>;
  /** True once the consumer joined its group (for /readyz). */
  readonly joined: boolean;
  /** Finishes the batch in hand, commits it, leaves the group and disconnects. */
  stop(): Promise<void>;
}

/** A decoded event with its handler call ready; the payload type is erased past this point. */
interface Prepared {
  readonly event: EventEnvelope<unknown>;
  run(context: HandlerContext): Promise<void>;
}

interface Registration {
  readonly topic: string;
  /** False for natural-key idempotent batch handlers: no inbox lookup or record for them. */
  readonly useInbox: boolean;
  prepare(meta: EnvelopeMeta, key: string, value: Buffer): Prepared;
  runBatch?(events: readonly EventEnvelope<unknown>[], context: HandlerContext): Promise<void>;
}

interface Work {
  readonly message: KafkaMessage;
  readonly meta: EnvelopeMeta;
  readonly registration: Registration;
  readonly prepared: Prepared;
}


export function createSubscriber(options: SubscriberOptions): Subscriber {
  const { db, group, publisher } = options;
  const logger = options.logger ?? silentLogger;
  const policy = resolveRetryPolicy(options.retry);
  const concurrency = options.handlerConcurrency ?? 16;
  const registrations = new Map<string, Registration>();
  const retryTopics = new Set<string>();
  let consumer: Consumer | undefined;
  let joined = false;
  let stopping = false;
  let pruneTimer: NodeJS.Timeout | undefined;
  const lookupApplied = coalescing((ids) => findApplied(db, group, ids));
  const recordAppliedIds = coalescing((ids) => recordApplied(db, group, ids));

  /** Waits for a retry message's rest to end; false if the consumer is stopping meanwhile. */
  const restUntil = async (notBefore: number, payload: EachBatchPayload): Promise<boolean> => {
    while (Date.now() < notBefore) {
      if (stopping || !payload.isRunning() || payload.isStale()) return false;
      await sleep(Math.min(500, notBefore - Date.now()));
      await payload.heartbeat();
    }
    return true;
  };

  const handleBatch = async (payload: EachBatchPayload): Promise<void> => {
    const { batch } = payload;
    const retryStage = retryTopics.has(batch.topic);
    const work: Work[] = [];
    const forwards: { offset: string; topic: string; message: Message }[] = [];
    const failed = (message: KafkaMessage, error: unknown, attempts: number, toRetry: boolean, baseTopic: string) => {
      const retryNotBefore = toRetry ? new Date(Date.now() + policy.retryDelayMs) : undefined;
      forwards.push({
        offset: message.offset,
        topic: toRetry ? retryTopicOf(baseTopic) : deadLetterTopicOf(baseTopic),
        message: failedMessage({ ...message, topic: batch.topic, partition: batch.partition }, error, {
          consumerGroup: group,
          attempts,
          retryNotBefore,
        }),
      });
    };
    const baseTopic = retryStage ? batch.topic.slice(0, -'.retry'.length) : batch.topic;
    let lastOffset: string | undefined;
    const idsInBatch = new Set<string>();

    for (const message of batch.messages) {
      if (retryStage) {
        // The retry topic is shared by every group consuming the base topic.
        if (headerText(message.headers, FAILURE_HEADERS.consumerGroup) !== group) {
          lastOffset = message.offset;
          continue;
        }
        const notBefore = Date.parse(headerText(message.headers, FAILURE_HEADERS.retryNotBefore) ?? '');
        if (!(await restUntil(Number.isNaN(notBefore) ? 0 : notBefore, payload))) break;
      }
      lastOffset = message.offset;
      let meta: EnvelopeMeta;
      try {
        meta = decodeHeaders(message.headers);
      } catch (error) {
        failed(message, error, 0, false, baseTopic);
        continue;
      }
      const registration = registrations.get(meta.type);
      if (!registration) continue;
      // A republished copy in the same batch: the inbox cannot know it yet, so skip it here.
      if (idsInBatch.has(meta.id)) continue;
      idsInBatch.add(meta.id);
      try {
        if (message.value === null) throw new PoisonMessageError(`event ${meta.id} has no payload`);
        const prepared = registration.prepare(meta, message.key?.toString('utf8') ?? meta.subject, message.value);
        work.push({ message, meta, registration, prepared });
      } catch (error) {
        failed(message, error instanceof PoisonMessageError ? error : new PoisonMessageError(`payload of ${meta.id} does not decode: ${errorMessage(error)}`, error), 0, false, baseTopic);
      }
    }
    if (lastOffset === undefined) return;

    const inboxIds = work.filter((item) => item.registration.useInbox).map((item) => item.meta.id);
    const applied = inboxIds.length === 0 ? new Set<string>() : await lookupApplied(inboxIds);
    const pending = work.filter((item) => !applied.has(item.meta.id));
    const done: string[] = [];
    const contextOf = (item: Work, attempt: number): HandlerContext => ({
      group,
      topic: batch.topic,
      partition: batch.partition,
      offset: item.message.offset,
      attempt,
      logger,
    });
    const completed = (items: readonly Work[]) => {
      for (const item of items) if (item.registration.useInbox) done.push(item.meta.id);
    };

    const oneByOne: Work[] = [];
    const batches = new Map<Registration, Work[]>();
    for (const item of pending) {
      if (item.registration.runBatch) batches.set(item.registration, [...(batches.get(item.registration) ?? []), item]);
      else oneByOne.push(item);
    }
    // On stop, events not yet started are left for redelivery (to this group's next member):
    // a long backlog batch must not hold the process past its shutdown budget.
    const abandoned = () => stopping || !payload.isRunning();
    for (const [registration, items] of batches) {
      if (abandoned()) break;
      try {
        await registration.runBatch?.(items.map((item) => item.prepared.event), contextOf(items[0], 1));
        completed(items);
      } catch (error) {
        logger.warn({ err: errorMessage(error), events: items.length }, 'batch handler failed; applying its events one by one');
        oneByOne.push(...items);
      }
    }
    oneByOne.sort((a, b) => (BigInt(a.message.offset) < BigInt(b.message.offset) ? -1 : 1));
    await runKeyOrdered(
      oneByOne,
      (item) => item.message.key?.toString('utf8') ?? item.meta.subject,
      concurrency,
      async (item) => {
        if (abandoned()) return;
        const outcome = await runWithRetries(policy, (attempt) => item.prepared.run(contextOf(item, attempt)));
        if (outcome.ok) {
          completed([item]);
          return;
        }
        logger.warn(
          { eventId: item.meta.id, type: item.meta.type, attempts: outcome.attempts, err: errorMessage(outcome.error) },
          retryStage ? 'event handler failed again; moving event to the dead-letter topic' : 'event handler failed; moving event to the retry topic',
        );
        failed(item.message, outcome.error, outcome.attempts, !retryStage, baseTopic);
      },
    );
    // Record applied ids before anything else can fail (a heartbeat while the broker is away, the
    // forwarding): the batch is then redelivered and its applied events are skipped.
    if (done.length > 0) await recordAppliedIds(done);
    if (abandoned()) return; // nothing committed: the unapplied rest is redelivered
    await payload.heartbeat();
    if (forwards.length > 0) {
      forwards.sort((a, b) => (BigInt(a.offset) < BigInt(b.offset) ? -1 : 1));
      const byTopic = new Map<string, Message[]>();
      for (const forward of forwards) byTopic.set(forward.topic, [...(byTopic.get(forward.topic) ?? []), forward.message]);
      await publisher.send([...byTopic].map(([topic, messages]) => ({ topic, messages })));
    }
    payload.resolveOffset(lastOffset);
    await payload.commitOffsetsIfNecessary({
      topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: (BigInt(lastOffset) + 1n).toString() }] }],
    });
  };

  const schedulePrune = () => {
    const retention = options.inboxRetentionMs ?? 7 * 24 * 3600_000;
    const prune = () =>
      pruneInbox(db, new Date(Date.now() - retention)).catch((error: unknown) =>
        logger.warn({ err: errorMessage(error) }, 'inbox prune failed'),
      );
    void prune();
    pruneTimer = setInterval(() => void prune(), options.inboxPruneIntervalMs ?? 3600_000);
    pruneTimer.unref();
  };

  const register = <T>(
    definition: EventDefinition<T>,
    useInbox: boolean,
    prepare: (event: EventEnvelope<T>) => Prepared,
    runBatch?: Registration['runBatch'],
  ): Subscriber => {
    if (registrations.has(definition.type)) throw new Error(`a handler for ${definition.type} is already registered`);
    registrations.set(definition.type, {
      topic: definition.topic,
      useInbox,
      prepare: (meta, key, value) => prepare({ ...meta, key, payload: definition.codec.decode(value) }),
      runBatch,
    });
    return subscriber;
  };

  /**
   * kafkajs restarts a crashed consumer only for errors it deems retriable; one that gives up
   * (e.g. the broker stayed away through every retry) would leave the service deaf for good.
   * So a crash without a restart replaces the consumer after a growing pause until we stop.
   */
  let restarts = 0;
  const replaceLater = (old: Consumer, topics: string[]): void => {
    restarts += 1;
    const pauseMs = Math.min(30_000, 1000 * 2 ** Math.min(restarts, 5));
    setTimeout(() => {
      if (stopping || consumer !== old) return;
      void (async () => {
        await old.disconnect().catch(() => undefined);
        if (stopping) return;
        try {
          await runConsumer(topics);
        } catch (error) {
          logger.warn({ err: errorMessage(error), pauseMs }, 'consumer replacement failed; trying again');
          if (consumer) replaceLater(consumer, topics);
        }
      })();
    }, pauseMs).unref();
  };
  const runConsumer = async (topics: string[]): Promise<void> => {
    const current = options.kafka.consumer({
      groupId: group,
      sessionTimeout: options.sessionTimeoutMs ?? 10_000,
      heartbeatInterval: 1000,
      // A long-poll fetch delays a clean stop by its full wait; half a second keeps shutdown
      // well inside the services' budget at a negligible cost when topics are idle.
      maxWaitTimeInMs: 500,
      allowAutoTopicCreation: false,
    });
    consumer = current;
    current.on(current.events.GROUP_JOIN, () => {
      joined = true;
      restarts = 0;
    });
    for (const event of [current.events.CRASH, current.events.STOP, current.events.DISCONNECT, current.events.REBALANCING]) {
      current.on(event, () => {
        joined = false;
      });
    }
    current.on(current.events.CRASH, ({ payload }) => {
      if (payload.restart || stopping) return;
      logger.warn({ err: errorMessage(payload.error) }, 'consumer crashed for good; replacing it');
      replaceLater(current, topics);
    });
    await current.connect();
    await current.subscribe({ topics, fromBeginning: options.fromBeginning ?? true });
    await current.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 12,
      eachBatch: handleBatch,
    });
  };

  const subscriber: Subscriber = {
    on<T>(definition: EventDefinition<T>, handler: EventHandler<T>) {
      return register(definition, true, (event) => ({ event, run: (context) => handler(event, context) }));
    },
    onBatch<T>(definition: EventDefinition<T>, handler: BatchEventHandler<T>, batchOptions: BatchHandlerOptions = {}) {
      // Only this registration prepares these events, so they carry T.
      const typed = (events: readonly EventEnvelope<unknown>[]) => events as readonly EventEnvelope<T>[];
      return register(
        definition,
        batchOptions.idempotency !== 'natural-key',
        (event) => ({ event, run: (context) => handler([event], context) }),
        (events, context) => handler(typed(events), context),
      );
    },
    async start() {
      const topics = [...new Set([...registrations.values()].map((registration) => registration.topic))];
      for (const topic of topics) retryTopics.add(retryTopicOf(topic));
      await runConsumer([...topics, ...retryTopics]);
      schedulePrune();
    },
    get joined() {
      return joined;
    },
    async stop() {
      stopping = true;
      if (pruneTimer) clearInterval(pruneTimer);
      // kafkajs waits for the batch in hand; handlers already running finish their current write,
      // and whatever is not committed by the drain limit is redelivered, which idempotence absorbs.
      const drainMs = options.stopTimeoutMs ?? 3000;
      let timer: NodeJS.Timeout | undefined;
      const drained = await Promise.race([
        (consumer?.disconnect() ?? Promise.resolve()).then(() => true),
        new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), drainMs))),
      ]);
      clearTimeout(timer);
      if (!drained) logger.warn({ drainMs }, 'handlers still running at the drain limit; their uncommitted events will be redelivered');
      joined = false;
    },
  };
  return subscriber;
}
