import { eventTypeByName, SERVICE_TOPICS, type EventTypeName, type EventTypeOf } from '@digicraft/contracts';
import { Kafka, logLevel, type Admin } from 'kafkajs';

/** The topic the registration service publishes to (its relay's fixed destination). */
export const REGISTRATION_TOPIC = SERVICE_TOPICS.registration;

export interface SeenEvent {
  readonly id: string;
  readonly type: string;
  readonly subject: string;
  readonly value: Buffer;
}

export type TopicMark = readonly { partition: number; offset: string }[];

const kafka = () => new Kafka({ brokers: [process.env.KAFKA_BROKERS ?? '127.0.0.1:19092'], logLevel: logLevel.NOTHING });

async function withAdmin<T>(work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka().admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

/** Where the topic ends now: events published after this mark are the ones an action caused. */
export function topicMark(): Promise<TopicMark> {
  return withAdmin((admin) => admin.fetchTopicOffsets(REGISTRATION_TOPIC));
}

/**
 * A mark taken once the first `count` events about `subjects` since `since` are on the topic.
 * An answered request's event may still be on its way (the relay publishes after the write), so
 * a mark taken straight after the requests could come before their events.
 */
export async function markAfterEvents(since: TopicMark, subjects: readonly string[], count: number): Promise<TopicMark> {
  const seen = await eventsSince(since, subjects, (events) => events.length >= count);
  if (seen.length < count) throw new Error(`only ${seen.length} of the ${count} events expected before the mark arrived`);
  return topicMark();
}

/**
 * The events about `subjects` published since `mark`, read until `enough` holds (then a short
 * grace period, so an unwanted extra event would be seen too) or the timeout passes.
 */
export async function eventsSince(mark: TopicMark, subjects: readonly string[], enough: (events: readonly SeenEvent[]) => boolean, timeoutMs = 30_000): Promise<SeenEvent[]> {
  const wanted = new Set(subjects);
  const seen: SeenEvent[] = [];
  const consumer = kafka().consumer({ groupId: `reg-test-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`, sessionTimeout: 10_000 });
  await consumer.connect();
  await consumer.subscribe({ topic: REGISTRATION_TOPIC });
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const deadline = setTimeout(finish, timeoutMs);
  let graced = false;
  await consumer.run({
    eachMessage: async ({ message }) => {
      const subject = message.headers?.subject?.toString() ?? '';
      if (!wanted.has(subject) || message.value === null) return;
      seen.push({ id: message.headers?.id?.toString() ?? '', type: message.headers?.type?.toString() ?? '', subject, value: message.value });
      if (!graced && enough(seen)) {
        graced = true;
        clearTimeout(deadline);
        setTimeout(finish, 1_500);
      }
    },
  });
  for (const p of mark) consumer.seek({ topic: REGISTRATION_TOPIC, partition: p.partition, offset: p.offset });
  await finished;
  await consumer.disconnect();
  return seen;
}

/** Distinct events (the relay is at-least-once: a republish carries the same id) of one type and subject. */
export function eventsOf(events: readonly SeenEvent[], type: EventTypeName, subject: string): SeenEvent[] {
  const byId = new Map(events.filter((e) => e.type === type && e.subject === subject).map((e) => [e.id, e]));
  return [...byId.values()];
}

/** The decoded payload of an event, as its consumers read it. */
export function payloadOf<N extends EventTypeName>(type: N, event: SeenEvent): ReturnType<EventTypeOf<N>['codec']['decode']> {
  return eventTypeByName(type).codec.decode(event.value) as ReturnType<EventTypeOf<N>['codec']['decode']>;
}
