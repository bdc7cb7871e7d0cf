import { Kafka, logLevel } from 'kafkajs';
import { createKafka, createOutboxEntry, createPublisher } from '../src';
import { brokers, confirmedOn, confirmedPayload, createTopics, deleteTopics, openDb, runFixture, uniqueName, waitFor } from './support';

const topic = uniqueName('test.consumer-crash');
const definition = confirmedOn(topic);

/** The group's committed offsets have reached the end of every partition. */
async function committedToEnd(group: string): Promise<boolean> {
  const admin = new Kafka({ brokers: brokers(), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    const [committed] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
    return ends.every(({ partition, high }) => {
      const offset = committed.partitions.find((p) => p.partition === partition)?.offset ?? '-1';
      return high === '0' || offset === high;
    });
  } finally {
    await admin.disconnect();
  }
}

describe('a consumer killed after its effect but before its offset commit', () => {
  const kafka = createKafka({ brokers: brokers(), clientId: 'consumer-crash-test' });
  const publisher = createPublisher(kafka, { source: 'registration' });
  beforeAll(() => createTopics(brokers(), [topic]));
  afterAll(async () => {
    await publisher.disconnect();
    await deleteTopics(brokers(), [topic]);
  });

  async function crashThenRestart(effect: 'version' | 'inc', crash: 'after-effect' | 'after-inbox') {
    const dbName = uniqueName(`msg_crash_${effect}`).replace(/[-.]/g, '_');
    const group = uniqueName(`judging-${effect}`);
    const store = await openDb(dbName);
    const subject = `reg-${effect}`;
    await publisher.publish([createOutboxEntry(definition, confirmedPayload(subject, 3), { subject })]);
    const env = { DB: dbName, TOPIC: topic, GROUP: group, EFFECT: effect };
    const first = runFixture('consumer', { ...env, CRASH: crash });
    expect((await first.exited).signal).toBe('SIGKILL');
    const effects = store.db.collection<{ _id: string; applied: number }>('effects');
    const invocations = store.db.collection('invocations');
    expect((await effects.findOne({ _id: subject }))?.applied).toBe(1);
    expect(await committedToEnd(group)).toBe(false);

    const second = runFixture('consumer', { ...env, CRASH: 'none' });
    try {
      await waitFor('the restarted consumer to commit', () => committedToEnd(group), 45_000);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
    const result = { applied: (await effects.findOne({ _id: subject }))?.applied, handlerRuns: await invocations.countDocuments({ subject }) };
    await store.close();
    return result;
  }

  it('before the inbox insert: redelivered, and the handler’s version guard keeps it from applying twice', async () => {
    expect(await crashThenRestart('version', 'after-effect')).toEqual({ applied: 1, handlerRuns: 2 });
  });

  it('after the inbox insert: redelivered, and the inbox skips it although the effect is a plain $inc', async () => {
    expect(await crashThenRestart('inc', 'after-inbox')).toEqual({ applied: 1, handlerRuns: 1 });
  });
});
