import { deadLetterTopicOf } from '@digicraft/contracts';
import type { Kafka, Message } from 'kafkajs';
import { ENVELOPE_HEADERS, headerText } from '../envelope';
import type { Publisher } from '../publisher';
import { envelopeHeadersOf, readFailure, type FailureInfo } from '../consumer/dead-letter';
import { readTopic } from './read-topic';

export interface DeadLetter {
  readonly eventId: string | undefined;
  readonly type: string | undefined;
  readonly partition: number;
  readonly offset: string;
  readonly failure: Partial<FailureInfo>;
  readonly message: Message;
}

/** Accepts `digicraft.registration` or `digicraft.registration.dlq`. */
export function dlqTopicName(topic: string): string {
  return topic.endsWith('.dlq') ? topic : deadLetterTopicOf(topic);
}

export async function listDeadLetters(kafka: Kafka, topic: string): Promise<DeadLetter[]> {
  const letters: DeadLetter[] = [];
  await readTopic(kafka, dlqTopicName(topic), {
    fromBeginning: true,
    toCurrentEnd: true,
    onMessage: (partition, message) => {
      letters.push({
        eventId: headerText(message.headers, ENVELOPE_HEADERS.id),
        type: headerText(message.headers, ENVELOPE_HEADERS.type),
        partition,
        offset: message.offset,
        failure: readFailure(message.headers),
        message: { key: message.key, value: message.value, headers: envelopeHeadersOf(message.headers) },
      });
    },
  });
  return letters;
}

export type ReplaySelection = { all: true } | { eventId: string };

/**
 * Republishes dead letters to their original topic with their original envelope (failure
 * headers dropped). Consumers that already applied an event skip it by id, so replay is safe.
 * A dead letter whose envelope is broken has no original topic worth retrying and is skipped.
 */
export async function replayDeadLetters(kafka: Kafka, publisher: Publisher, topic: string, selection: ReplaySelection): Promise<DeadLetter[]> {
  const letters = (await listDeadLetters(kafka, topic)).filter(
    (letter) => letter.failure.errorCode !== 'DC_ERR_POISON_MESSAGE' && ('all' in selection || letter.eventId === selection.eventId),
  );
  const byTopic = new Map<string, Message[]>();
  for (const letter of letters) {
    const target = letter.failure.originalTopic ?? topic.replace(/\.dlq$/, '');
    byTopic.set(target, [...(byTopic.get(target) ?? []), letter.message]);
  }
  await publisher.send([...byTopic].map(([target, messages]) => ({ topic: target, messages })));
  return letters;
}
