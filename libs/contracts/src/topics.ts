/**
 * Kafka topics: one per producing service (DESIGN.md "Events"), each with its `.retry` and `.dlq`
 * companions. The provisioning step creates exactly these; brokers never auto-create topics.
 */
export const SERVICE_TOPICS = Object.freeze({
  accounts: 'digicraft.accounts',
  registration: 'digicraft.registration',
  judging: 'digicraft.judging',
  talent: 'digicraft.talent',
  matching: 'digicraft.matching',
} as const);

export type ServiceTopic = (typeof SERVICE_TOPICS)[keyof typeof SERVICE_TOPICS];

export const retryTopicOf = (topic: string): string => `${topic}.retry`;
export const deadLetterTopicOf = (topic: string): string => `${topic}.dlq`;

/** Every topic the platform needs, base topics first. */
export function allPlatformTopics(): string[] {
  const base = Object.values(SERVICE_TOPICS);
  return [...base, ...base.map(retryTopicOf), ...base.map(deadLetterTopicOf)];
}
