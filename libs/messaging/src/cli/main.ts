#!/usr/bin/env node
/**
 * dc-events: inspect event topics and operate dead-letter topics.
 *   tail <topic> [--from-beginning] [--max N]
 *   dlq list <topic>
 *   dlq replay <topic> (--id <eventId> | --all)
 * Brokers come from KAFKA_BROKERS (default 127.0.0.1:19092). Output is one JSON object per line.
 */
import { createKafka, parseBrokers } from '../kafka-client';
import { createPublisher } from '../publisher';
import { flagText, parseArgs } from './args';
import { describeMessage } from './describe-message';
import { listDeadLetters, replayDeadLetters } from './dlq';
import { readTopic } from './read-topic';

const USAGE = `usage:
  dc-events tail <topic> [--from-beginning] [--max N]
  dc-events dlq list <topic>
  dc-events dlq replay <topic> (--id <eventId> | --all)`;

const print = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value)}\n`);
};

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, ['from-beginning', 'all']);
  const [command, ...rest] = args.positional;
  const kafka = createKafka({ brokers: parseBrokers(process.env.KAFKA_BROKERS ?? '127.0.0.1:19092'), clientId: 'dc-events' });

  if (command === 'tail' && rest.length === 1) {
    const maxText = flagText(args, 'max');
    const max = maxText === undefined ? undefined : Number(maxText);
    if (max !== undefined && (!Number.isInteger(max) || max < 1)) throw new Error('--max must be a positive integer');
    const abort = new AbortController();
    process.once('SIGINT', () => abort.abort());
    process.once('SIGTERM', () => abort.abort());
    await readTopic(kafka, rest[0], {
      fromBeginning: args.flags.has('from-beginning'),
      toCurrentEnd: false,
      max,
      signal: abort.signal,
      onMessage: (partition, message) => print(describeMessage(rest[0], partition, message)),
    });
    return 0;
  }
  if (command === 'dlq' && rest[0] === 'list' && rest.length === 2) {
    for (const letter of await listDeadLetters(kafka, rest[1])) {
      print({ eventId: letter.eventId, type: letter.type, partition: letter.partition, offset: letter.offset, ...letter.failure });
    }
    return 0;
  }
  if (command === 'dlq' && rest[0] === 'replay' && rest.length === 2) {
    const eventId = flagText(args, 'id');
    if ((eventId === undefined) === !args.flags.has('all')) throw new Error('dlq replay needs exactly one of --id <eventId> or --all');
    const publisher = createPublisher(kafka, { source: 'dc-events' });
    try {
      const replayed = await replayDeadLetters(kafka, publisher, rest[1], eventId === undefined ? { all: true } : { eventId });
      for (const letter of replayed) print({ replayed: letter.eventId, type: letter.type, to: letter.failure.originalTopic });
      if (replayed.length === 0) process.stderr.write('no matching dead letters\n');
      return replayed.length === 0 && eventId !== undefined ? 1 : 0;
    } finally {
      await publisher.disconnect();
    }
  }
  process.stderr.write(`${USAGE}\n`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`dc-events: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
