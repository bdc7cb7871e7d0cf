import { createKafka, createOutboxEntry, createPublisher, createSubscriber, insertManyIgnoringDuplicates } from '../src';
import { brokers, confirmedOn, confirmedPayload, createTopics, deleteTopics, openDb, runCli, uniqueName, waitFor } from './support';

// A group of its own: a group shared with other test files' consumers (other topics) would be
// rebalanced with them, and kafkajs may hand this topic's partitions to a member not reading it.
const group = uniqueName('judging');

const topic = uniqueName('test.batch');
const definition = confirmedOn(topic);

describe('a batch handler (one bulk write per batch, idempotent by natural key)', () => {
  let store: Awaited<ReturnType<typeof openDb>>;
  const kafka = createKafka({ brokers: brokers(), clientId: 'batch-test' });
  const publisher = createPublisher(kafka, { source: 'registration' });
  beforeAll(async () => {
    await createTopics(brokers(), [topic]);
    store = await openDb(uniqueName('msg_batch').replace(/[-.]/g, '_'));
  });
  afterAll(async () => {
    await publisher.disconnect();
    await store.close();
    await deleteTopics(brokers(), [topic]);
  });

  it('applies a batch at once, ignores republished copies, and isolates a poison event to the DLQ', async () => {
    const entries = store.db.collection<{ _id: string; version: number }>('entries');
    const batchSizes: number[] = [];
    const subscriber = createSubscriber({
      kafka,
      db: store.db,
      group,
      publisher,
      retry: { attempts: 2, backoffMs: 10, retryDelayMs: 200 },
    }).onBatch(
      definition,
      async (events) => {
        batchSizes.push(events.length);
        if (events.some((event) => event.subject === 'reg-bad')) throw new Error('entry reg-bad has no track');
        await insertManyIgnoringDuplicates(entries, events.map((event) => ({ _id: event.subject, version: event.payload.version })));
      },
      { idempotency: 'natural-key' },
    );

    const key = 'competition-7';
    const good = Array.from({ length: 50 }, (_, n) => createOutboxEntry(definition, confirmedPayload(`reg-${n}`), { subject: `reg-${n}`, key }));
    const bad = createOutboxEntry(definition, confirmedPayload('reg-bad'), { subject: 'reg-bad', key });
    // Published before the consumer starts, so they arrive together; the copies are what a relay
    // sweep republishes after a crash: same event ids, later offsets.
    await publisher.publish([...good.slice(0, 25), bad, ...good.slice(25), ...good.slice(0, 10)]);
    await subscriber.start();

    await waitFor('the 50 good entries', async () => (await entries.countDocuments({})) === 50, 20_000);
    let letters: Record<string, unknown>[] = [];
    await waitFor('the dead letter', async () => (letters = (await runCli(['dlq', 'list', topic])).lines).length === 1, 30_000);
    await subscriber.stop();

    expect(Math.max(...batchSizes)).toBeGreaterThan(1);
    expect(letters[0]).toMatchObject({ eventId: bad.id, error: 'entry reg-bad has no track', consumerGroup: group });
    expect((await entries.find({}).toArray()).map((entry) => entry._id).sort()).toEqual(good.map((entry) => entry.subject).sort());
    // Natural-key idempotency: nothing was written to the inbox for these events.
    expect(await store.db.collection('inbox').countDocuments({})).toBe(0);
  });
});
