import { createKafka, createOutboxEntry, createOutboxRelay, createPublisher, outboxFieldsForInsert, outboxUpdate } from '../src';
import { brokers, confirmedOn, confirmedPayload, createTopics, deleteTopics, openDb, uniqueName } from './support';

const topic = uniqueName('test.outbox-update');
const definition = confirmedOn(topic);

describe('outbox helpers on a real store', () => {
  let store: Awaited<ReturnType<typeof openDb>>;
  beforeAll(async () => {
    await createTopics(brokers(), [topic], 1);
    store = await openDb(uniqueName('msg_outbox_update').replace(/[-.]/g, '_'));
  });
  afterAll(async () => {
    await store.close();
    await deleteTopics(brokers(), [topic]);
  });

  it('appends events in the same update as the state change, and the sweep publishes each once', async () => {
    const registrations = store.db.collection<{ _id: string; status: string; version: number }>('registrations');
    const first = createOutboxEntry(definition, confirmedPayload('reg-9', 1), { subject: 'reg-9' });
    await registrations.insertOne({ _id: 'reg-9', status: 'confirmed', version: 1, ...outboxFieldsForInsert([first]) });
    const second = createOutboxEntry(definition, confirmedPayload('reg-9', 2), { subject: 'reg-9' });
    await registrations.updateOne({ _id: 'reg-9' }, outboxUpdate([second], { $set: { status: 'withdrawn' }, $inc: { version: 1 } }));

    const stored = await registrations.findOne({ _id: 'reg-9' });
    expect(stored).toMatchObject({ status: 'withdrawn', version: 2 });
    expect((stored as unknown as { outbox: { id: string }[] }).outbox.map((entry) => entry.id)).toEqual([first.id, second.id]);

    const kafka = createKafka({ brokers: brokers(), clientId: 'outbox-update' });
    const publisher = createPublisher(kafka, { source: 'registration' });
    const relay = createOutboxRelay({ db: store.db, publisher, collections: ['registrations'], minAgeMs: 0, graceMs: 0 });
    expect((await relay.sweepNow())?.published).toBe(2);
    expect((await relay.sweepNow())?.published).toBe(0);
    // Stopping leaves no timer behind that would keep a stopped service's process alive.
    const timers = () => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
    const before = timers();
    await relay.stop();
    expect(timers()).toBeLessThanOrEqual(before);
    await publisher.disconnect();
  });
});
