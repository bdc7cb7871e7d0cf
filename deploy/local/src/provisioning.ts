import { allPlatformTopics } from '@digicraft/contracts';
import { Kafka, logLevel } from 'kafkajs';

export interface ProvisionOptions {
  readonly brokers: string;
  readonly partitions: number;
  /** Defaults to every platform topic (base, `.retry`, `.dlq`). */
  readonly topics?: readonly string[];
}

export interface ProvisionResult {
  readonly created: string[];
  readonly existing: string[];
}

/**
 * Creates the platform topics that do not exist yet (replication factor 1: one local broker).
 * Idempotent: existing topics are left as they are, whatever their partition count.
 */
export async function provisionTopics(options: ProvisionOptions): Promise<ProvisionResult> {
  const wanted = [...(options.topics ?? allPlatformTopics())];
  const admin = new Kafka({
    clientId: 'digicraft-provisioning',
    brokers: options.brokers.split(','),
    logLevel: logLevel.NOTHING,
    retry: { retries: 8 },
  }).admin();
  await admin.connect();
  try {
    const present = new Set(await admin.listTopics());
    const missing = wanted.filter((topic) => !present.has(topic));
    if (missing.length > 0) {
      // Another provisioner may win the race for some topics; createTopics then just skips them.
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions: options.partitions, replicationFactor: 1 })),
      });
    }
    return { created: missing, existing: wanted.filter((topic) => present.has(topic)) };
  } finally {
    await admin.disconnect();
  }
}
