import { createKafka, createPublisher, createSubscriber, outboxFieldsForInsert, createOutboxEntry, createOutboxRelay } from '../src';
import { brokers, confirmedOn, confirmedPayload, createTopics, deleteTopics, openDb, runFixture, uniqueName, waitFor } from './support';

// A group of its own: a group shared with other test files' consumers (other topics) would be
// rebalanced with them, and kafkajs may hand this topic's partitions to a member not reading it.
const group = uniqueName('judging');

const topic = uniqueName('test.outbox');
const dbName = uniqueName('msg_outbox').replace(/[-.]/g, '_');
const definition = confirmedOn(topic);

describe('outbox relay', () => {
  let store: Awaited<ReturnType<typeof openDb>>;
  const kafka = createKafka({ brokers: brokers(), clientId: 'outbox-test' });
  const publisher = createPublisher(kafka, { source: 'judging' });
  const applied = new Map<string, number>();

  beforeAll(async () => {
    await createTopics(brokers(), [topic]);
    store = await openDb(dbName);
  });
  afterAll(async () => {
    await publisher.disconnect();
    await store.close();
    await deleteTopics(brokers(), [topic]);
  });

  async function startConsumer() {
    const counters = store.db.collection<{ _id: string; applied: number }>('effects');
    const consumer = createSubscriber({ kafka, db: store.db, group, publisher }).on(definition, async (event) => {
      // A plain $inc: only the inbox keeps a republished event from counting twice.
      await counters.updateOne({ _id: event.subject }, { $inc: { applied: 1 } }, { upsert: true });
      applied.set(event.subject, (applied.get(event.subject) ?? 0) + 1);
    });
    await consumer.start();
    await waitFor('the consumer to join', () => consumer.joined);
    return { consumer, counters };
  }

  it('publishes an event whose writer was killed between the write and the publish, exactly once', async () => {
    const { consumer, counters } = await startConsumer();
    const crashed = runFixture('outbox-writer', { MODE: 'crash', DB: dbName, TOPIC: topic, AGGREGATE_ID: 'reg-crash' });
    const exit = await crashed.exited;
    expect(exit.signal).toBe('SIGKILL');
    expect(crashed.output()).toMatch(/written [0-9a-f-]{36}/);
    const stored = await store.db.collection<{ _id: string; outbox: unknown[] }>('registrations').findOne({ _id: 'reg-crash' });
    expect(stored?.outbox).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(applied.get('reg-crash')).toBeUndefined(); // the crash really lost the fast path

    const relay = runFixture('outbox-writer', { MODE: 'relay', DB: dbName, TOPIC: topic });
    try {
      await waitFor('the recovered event', async () => (await counters.findOne({ _id: 'reg-crash' }))?.applied === 1, 30_000);
    } finally {
      relay.child.kill('SIGTERM');
      await relay.exited;
    }
    // A second relay run republishes nothing: the event is marked sent.
    const again = runFixture('outbox-writer', { MODE: 'relay', DB: dbName, TOPIC: topic });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    again.child.kill('SIGTERM');
    expect((await again.exited).code).toBe(0);
    await consumer.stop();
    expect((await counters.findOne({ _id: 'reg-crash' }))?.applied).toBe(1);
    expect(applied.get('reg-crash')).toBe(1);
  });

  it('sends fast-path events once, marks them sent, and the sweep leaves them alone', async () => {
    const { consumer, counters } = await startConsumer();
    const relay = createOutboxRelay({ db: store.db, publisher, collections: ['registrations'], minAgeMs: 0, graceMs: 1000 });
    const registrations = store.db.collection<{ _id: string }>('registrations');
    const ids = Array.from({ length: 50 }, (_, n) => `reg-fast-${n}`);
    for (const id of ids) {
      const entry = createOutboxEntry(definition, confirmedPayload(id), { subject: id });
      await registrations.insertOne({ _id: id, ...outboxFieldsForInsert([entry]) });
      relay.enqueue([entry]);
    }
    await waitFor('all fast-path events', async () => (await counters.countDocuments({ _id: { $in: ids } })) === ids.length);
    await relay.stop(); // flushes markers
    const sweep = await createOutboxRelay({ db: store.db, publisher, collections: ['registrations'], minAgeMs: 0, graceMs: 1000 }).sweepNow();
    expect(sweep?.published).toBe(0);
    expect(sweep?.checkpoints.registrations.getTime()).toBeGreaterThan(0);
    await consumer.stop();
    expect(ids.map((id) => applied.get(id))).toEqual(ids.map(() => 1));
  });
});
