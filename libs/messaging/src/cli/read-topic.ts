import { randomUUID } from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';

export interface ReadOptions {
  readonly fromBeginning: boolean;
  /** Stop after this many messages. */
  readonly max?: number;
  /** Stop once every partition's end (as of the start) is reached. */
  readonly toCurrentEnd: boolean;
  readonly onMessage: (partition: number, message: KafkaMessage) => Promise<void> | void;
  readonly signal?: AbortSignal;
}

/**
 * Reads a topic with a throwaway consumer group (deleted afterwards) so inspecting a topic never
 * moves a service's committed offsets.
 */
export async function readTopic(kafka: Kafka, topic: string, options: ReadOptions): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `dc-events-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, sessionTimeout: 6000 });
  let seen = 0;
  try {
    const ends = new Map<number, bigint>();
    for (const { partition, high, low } of await admin.fetchTopicOffsets(topic)) {
      if (BigInt(high) > BigInt(low)) ends.set(partition, BigInt(high) - 1n);
    }
    const remaining = new Set(ends.keys());
    if (options.toCurrentEnd && remaining.size === 0) return 0;
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    options.signal?.addEventListener('abort', () => finish());
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: options.fromBeginning });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        if (options.max !== undefined && seen >= options.max) return;
        const end = ends.get(partition);
        if (options.toCurrentEnd && (end === undefined || BigInt(message.offset) > end)) return;
        seen += 1;
        await options.onMessage(partition, message);
        if (end !== undefined && BigInt(message.offset) >= end) remaining.delete(partition);
        if ((options.max !== undefined && seen >= options.max) || (options.toCurrentEnd && remaining.size === 0)) finish();
      },
    });
    await finished;
    return seen;
  } finally {
    await consumer.disconnect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}
