/**
 * End-to-end messaging benchmark: state write (aggregate insert carrying its outbox event) →
 * relay → Kafka → idempotent consumer applied (an insert keyed by the aggregate id), compared in
 * the same run with raw kafkajs produce→consume and plain single-document inserts at the same
 * concurrency. Last line: one JSON object (see README). Fresh topics and database, cleaned up.
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import { registrationEventsV1 } from '@digicraft/contracts';
import { inPool, percentile } from '@digicraft/testkit';
import {
  createKafka,
  createOutboxEntry,
  createOutboxRelay,
  createPublisher,
  createSubscriber,
  insertManyIgnoringDuplicates,
  outboxFieldsForInsert,
  type EventDefinition,
} from '../src';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const PARTITIONS = Number(process.env.BENCH_PARTITIONS ?? 6);
const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
const MONGO_URL = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27018';
const runId = `${Date.now().toString(36)}${randomUUID().slice(0, 4)}`;
const eventTopic = `bench.messaging.${runId}`;
const rawTopic = `bench.raw.${runId}`;

const rate = (count: number, ms: number) => Math.round((count / ms) * 1000);

/** One item per event: 0…EVENTS-1. */
const EVENT_INDEXES = Array.from({ length: EVENTS }, (_, i) => i);

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('benchmark timed out');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

async function rawStoreInserts(db: mongoose.mongo.Db): Promise<number> {
  const collection = db.collection<{ _id: string; n: number; at: Date }>('raw_inserts');
  const started = Date.now();
  await inPool(EVENT_INDEXES, CONCURRENCY, async (n) => {
    await collection.insertOne({ _id: `raw-${n}`, n, at: new Date() });
  });
  return rate(EVENTS, Date.now() - started);
}

async function rawKafka(): Promise<number> {
  const kafka = new Kafka({ brokers: BROKERS, clientId: 'bench-raw', logLevel: logLevel.NOTHING });
  const producer = kafka.producer();
  const consumer = kafka.consumer({ groupId: `bench-raw-${runId}`, sessionTimeout: 10_000 });
  let received = 0;
  await Promise.all([producer.connect(), consumer.connect()]);
  await consumer.subscribe({ topic: rawTopic, fromBeginning: true });
  let joined = false;
  consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
  await consumer.run({ eachBatch: async ({ batch }) => void (received += batch.messages.length) });
  await waitUntil(() => joined, 30_000);
  const started = Date.now();
  const value = Buffer.alloc(120, 1);
  await inPool(EVENT_INDEXES, CONCURRENCY, async (n) => {
    await producer.send({ topic: rawTopic, acks: -1, messages: [{ key: `k-${n}`, value }] });
  });
  await waitUntil(() => received >= EVENTS, 120_000);
  const result = rate(EVENTS, Date.now() - started);
  await Promise.all([producer.disconnect(), consumer.disconnect()]);
  return result;
}

async function endToEnd(db: mongoose.mongo.Db): Promise<{ eventsPerSec: number; latencies: number[] }> {
  const definition: EventDefinition<registrationEventsV1.RegistrationConfirmed> = {
    type: 'registration.confirmed.v1',
    topic: eventTopic,
    codec: registrationEventsV1.RegistrationConfirmed,
  };
  const kafka = createKafka({ brokers: BROKERS, clientId: 'bench-e2e' });
  const publisher = createPublisher(kafka, { source: 'bench' });
  const relay = createOutboxRelay({ db, publisher, collections: ['registrations'], sweepIntervalMs: 60_000 });
  const consumerPublisher = createPublisher(kafka, { source: 'bench-consumer' });
  const writtenAt = new Map<string, number>();
  const latencies: number[] = [];
  const applied = db.collection<{ _id: string; version: number }>('applied');
  // The consumer applies each batch with one bulk insert keyed by the aggregate id: idempotent by
  // natural key, so a redelivered event is a duplicate key that is ignored.
  const subscriber = createSubscriber({ kafka, db, group: `bench-${runId}`, publisher: consumerPublisher }).onBatch(
    definition,
    async (events) => {
      await insertManyIgnoringDuplicates(
        applied,
        events.map((event) => ({ _id: event.subject, version: event.payload.version })),
      );
      const now = Date.now();
      for (const event of events) {
        const started = writtenAt.get(event.subject);
        if (started === undefined) continue; // a redelivered copy: counted once
        writtenAt.delete(event.subject);
        latencies.push(now - started);
      }
    },
    { idempotency: 'natural-key' },
  );
  await publisher.connect();
  await subscriber.start();
  await waitUntil(() => subscriber.joined, 30_000);
  relay.start();
  const registrations = db.collection('registrations');
  const started = Date.now();
  await inPool(EVENT_INDEXES, CONCURRENCY, async (n) => {
    const id = `reg-${n}`;
    const payload = registrationEventsV1.RegistrationConfirmed.fromPartial({ registrationId: id, competitionId: 'c', trackId: 't', version: 1 });
    const entry = createOutboxEntry(definition, payload, { subject: id });
    writtenAt.set(id, Date.now());
    await registrations.insertOne({ _id: id, status: 'confirmed', version: 1, ...outboxFieldsForInsert([entry]) } as { _id: string });
    relay.enqueue([entry]);
  });
  if (process.env.BENCH_DEBUG) console.log(`writes done after ${Date.now() - started} ms, applied ${latencies.length}`);
  await waitUntil(() => latencies.length >= EVENTS, 300_000);
  const eventsPerSec = rate(EVENTS, Date.now() - started);
  await relay.stop();
  await subscriber.stop();
  await Promise.all([publisher.disconnect(), consumerPublisher.disconnect()]);
  return { eventsPerSec, latencies };
}

async function main(): Promise<void> {
  const admin = new Kafka({ brokers: BROKERS, clientId: 'bench-admin', logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  const topics = [eventTopic, `${eventTopic}.retry`, `${eventTopic}.dlq`, rawTopic];
  await admin.createTopics({ waitForLeaders: true, topics: topics.map((topic) => ({ topic, numPartitions: PARTITIONS })) });
  const connection = await mongoose.createConnection(MONGO_URL, { dbName: `bench_messaging_${runId}`, maxPoolSize: CONCURRENCY + 8 }).asPromise();
  const db = connection.db;
  if (!db) throw new Error('no database handle');
  try {
    const rawStoreWritesPerSec = await rawStoreInserts(db);
    console.log(`raw store inserts: ${rawStoreWritesPerSec}/s`);
    const rawEventsPerSec = await rawKafka();
    console.log(`raw kafka produce→consume: ${rawEventsPerSec}/s`);
    const { eventsPerSec, latencies } = await endToEnd(db);
    latencies.sort((a, b) => a - b);
    console.log(`end to end: ${eventsPerSec}/s`);
    console.log(
      JSON.stringify({
        bench: 'messaging',
        events: EVENTS,
        eventsPerSec,
        p50Ms: percentile(latencies, 50),
        p99Ms: percentile(latencies, 99),
        rawEventsPerSec,
        rawStoreWritesPerSec,
        ratio: Number((eventsPerSec / Math.min(rawEventsPerSec, rawStoreWritesPerSec)).toFixed(3)),
      }),
    );
  } finally {
    await db.dropDatabase().catch(() => undefined);
    await connection.close();
    await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
