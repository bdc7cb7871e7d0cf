import type { Kafka, Message, Producer } from 'kafkajs';
import { errorMessage, silentLogger, type MessagingLogger } from './logger';
import { toKafkaMessage, type OutboxEntry } from './outbox/outbox-entry';

export interface PublisherOptions {
  /** Envelope `source`: the publishing service's name. */
  readonly source: string;
  readonly logger?: MessagingLogger;
}

export interface TopicMessages {
  readonly topic: string;
  readonly messages: Message[];
}

export interface Publisher {
  readonly source: string;
  connect(): Promise<void>;
  /** Publishes entries in the given order (per topic and key) and resolves once all are acknowledged. */
  publish(entries: readonly OutboxEntry[]): Promise<void>;
  /** Sends prepared messages (retry / dead-letter forwarding, DLQ replay). */
  send(batches: readonly TopicMessages[]): Promise<void>;
  disconnect(): Promise<void>;
}

/**
 * The one producer a process uses. Idempotent with a single in-flight request and acks from all
 * in-sync replicas, so broker retries neither duplicate nor reorder messages of a partition.
 */
function newProducer(kafka: Kafka): Producer {
  return kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
}

export function createPublisher(kafka: Kafka, options: PublisherOptions): Publisher {
  const logger = options.logger ?? silentLogger;
  let producer: Producer = newProducer(kafka);
  let connected: Promise<void> | undefined;

  const send = async (batches: readonly TopicMessages[]): Promise<void> => {
    const topicMessages = batches.filter((batch) => batch.messages.length > 0);
    if (topicMessages.length === 0) return;
    const current = producer;
    try {
      await (connected ??= current.connect());
      await current.sendBatch({ topicMessages: [...topicMessages], acks: -1 });
    } catch (error) {
      if (producer !== current) throw error; // a concurrent send already replaced it
      // After a failed request an idempotent producer's sequence numbers may no longer match the
      // broker's (e.g. across a broker restart) and every later send would fail. A fresh producer
      // gets a new producer id; the caller retries, and consumers absorb any duplicate.
      logger.warn({ err: errorMessage(error) }, 'produce failed; replacing the producer');
      producer = newProducer(kafka);
      connected = undefined;
      await current.disconnect().catch(() => undefined);
      throw error;
    }
  };

  return {
    source: options.source,
    connect: () => (connected ??= producer.connect()),
    publish: async (entries) => {
      // Grouping by topic keeps each topic's relative order; one sendBatch carries them all.
      const byTopic = new Map<string, Message[]>();
      for (const entry of entries) {
        const messages = byTopic.get(entry.topic) ?? [];
        messages.push(toKafkaMessage(entry, options.source));
        byTopic.set(entry.topic, messages);
      }
      await send([...byTopic].map(([topic, messages]) => ({ topic, messages })));
      logger.debug({ events: entries.length }, 'events published');
    },
    send,
    disconnect: async () => {
      if (connected === undefined) return;
      connected = undefined;
      await producer.disconnect();
    },
  };
}
