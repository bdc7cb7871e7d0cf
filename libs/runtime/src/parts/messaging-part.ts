import type { Admin } from 'kafkajs';
import type mongoose from 'mongoose';
import type { Logger } from '@digicraft/logging';
import {
  createKafka,
  createOutboxRelay,
  createPublisher,
  createSubscriber,
  type OutboxRelay,
  type Publisher,
  type Subscriber,
} from '@digicraft/messaging';
import type { ServicePart } from '../lifecycle';
import type { ReadinessCheck } from '../readiness';

export interface MessagingPart extends ServicePart {
  /** Kafka answers and, when the service consumes, its consumer has joined its group. */
  readonly checks: readonly ReadinessCheck[];
  readonly publisher: Publisher;
  readonly relay: OutboxRelay;
  readonly subscriber: Subscriber;
}

export interface MessagingPartOptions {
  readonly serviceName: string;
  readonly brokers: readonly string[];
  readonly logger: Logger;
  /** The service's store; read only once the store part has started. */
  readonly connection: () => mongoose.Connection;
  /** Collections whose documents carry outbox entries. */
  readonly outboxCollections: readonly string[];
  /** The part's share of the shutdown budget, split between draining consumers and the relay. */
  readonly stopTimeoutMs: number;
  /** Registers the consumed event types; none means the service only publishes. */
  readonly consume?: (subscriber: Subscriber) => void;
}

/**
 * Kafka for one service: the idempotent publisher, the outbox relay over the service's own
 * collections and the idempotent subscriber (consumer group = service name). Starts after the
 * store; stops consumers first so no handler runs while the relay drains.
 */
export function messagingPart(options: MessagingPartOptions): MessagingPart {
  const kafka = createKafka({ brokers: options.brokers, clientId: options.serviceName, logger: options.logger });
  const publisher = createPublisher(kafka, { source: options.serviceName, logger: options.logger });
  const admin: Admin = kafka.admin();
  let relay: OutboxRelay | undefined;
  let subscriber: Subscriber | undefined;
  let consumes = false;
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is used before the messaging part started`);
    return value;
  };

  const checks: ReadinessCheck[] = [
    { name: 'kafka', check: async () => void (await admin.describeCluster()) },
    {
      name: 'consumers',
      check: async () => {
        if (consumes && !started(subscriber, 'the subscriber').joined) throw new Error('the consumer has not joined its group');
      },
    },
  ];

  return {
    name: 'messaging',
    checks,
    publisher,
    get relay() {
      return started(relay, 'the outbox relay');
    },
    get subscriber() {
      return started(subscriber, 'the subscriber');
    },
    async start() {
      const db = options.connection().db;
      if (!db) throw new Error('the store connection has no database');
      await admin.connect();
      await publisher.connect();
      const stopTimeoutMs = Math.floor(options.stopTimeoutMs / 2);
      relay = createOutboxRelay({ db, publisher, collections: options.outboxCollections, logger: options.logger, stopTimeoutMs });
      relay.start();
      subscriber = createSubscriber({ kafka, db, group: options.serviceName, publisher, logger: options.logger, stopTimeoutMs });
      if (options.consume) {
        consumes = true;
        options.consume(subscriber);
        await subscriber.start();
      }
    },
    async stop() {
      const step = async (what: string, run: () => Promise<void> | undefined) => {
        const t0 = Date.now();
        await run();
        options.logger.debug({ step: what, ms: Date.now() - t0 }, 'messaging stop step');
      };
      if (consumes) await step('subscriber', () => subscriber?.stop());
      await step('relay', () => relay?.stop());
      await step('publisher', () => publisher.disconnect());
      await step('admin', () => admin.disconnect());
    },
  };
}
