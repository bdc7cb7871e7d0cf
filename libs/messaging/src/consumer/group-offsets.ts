import { retryTopicOf } from '@digicraft/contracts';
import { createKafka, parseBrokers } from '../kafka-client';

/**
 * Points a consumer group that has not consumed yet at the current end of `topics` and their
 * `.retry` companions. A new group otherwise starts at the earliest offset, and on a shared
 * development broker that means replaying every earlier run's events (thousands) before the
 * ones a test or benchmark is about.
 */
export async function startGroupAtEnd(brokers: string, groupId: string, topics: readonly string[]): Promise<void> {
  const admin = createKafka({ brokers: parseBrokers(brokers), clientId: `${groupId}-admin` }).admin();
  await admin.connect();
  try {
    for (const topic of topics.flatMap((t) => [t, retryTopicOf(t)])) {
      const offsets = await admin.fetchTopicOffsets(topic);
      await admin.setOffsets({ groupId, topic, partitions: offsets.map((o) => ({ partition: o.partition, offset: o.high })) });
    }
  } finally {
    await admin.disconnect();
  }
}
