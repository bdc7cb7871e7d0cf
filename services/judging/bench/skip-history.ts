import { createKafka, parseBrokers } from '@digicraft/messaging';

/**
 * A new consumer group starts at the earliest offset, and the shared dev topics hold every other
 * run's registration history (thousands of events): left alone, the bench's judging process
 * would replay them during the measured phases. Its group starts at the current end instead.
 */
export async function skipRegistrationHistory(brokers: string, groupId: string): Promise<void> {
  const admin = createKafka({ brokers: parseBrokers(brokers), clientId: `${groupId}-admin` }).admin();
  await admin.connect();
  try {
    for (const topic of ['digicraft.registration', 'digicraft.registration.retry']) {
      const offsets = await admin.fetchTopicOffsets(topic);
      await admin.setOffsets({ groupId, topic, partitions: offsets.map((o) => ({ partition: o.partition, offset: o.high })) });
    }
  } finally {
    await admin.disconnect();
  }
}
