import { Kafka, logLevel } from 'kafkajs';
import { createKafka, createOutboxEntry, createPublisher, createSubscriber } from '../src';
import { brokers, confirmedOn, confirmedPayload, createTopics, deleteTopics, openDb, runCli, uniqueName, waitFor } from './support';

// A group of its own: a group shared with other test files' consumers (other topics) would be
// rebalanced with them, and kafkajs may hand this topic's partitions to a member not reading it.
const group = uniqueName('talent-pool');

const topic = uniqueName('test.dlq');
const definition = confirmedOn(topic);

describe('failing events: retry topic, dead-letter topic, replay', () => {
  let store: Awaited<ReturnType<typeof openDb>>;
  const kafka = createKafka({ brokers: brokers(), clientId: 'dlq-test' });
  const publisher = createPublisher(kafka, { source: 'registration' });
  beforeAll(async () => {
    await createTopics(brokers(), [topic]);
    store = await openDb(uniqueName('msg_dlq').replace(/[-.]/g, '_'));
  });
  afterAll(async () => {
    await publisher.disconnect();
    await store.close();
    await deleteTopics(brokers(), [topic]);
  });

  it('moves an always-failing event to .dlq after its attempts while later events flow, and replays it once fixed', async () => {
    const applied: string[] = [];
    let attemptsOnBad = 0;
    let fixed = false;
    const subscriber = createSubscriber({
      kafka,
      db: store.db,
      group,
      publisher,
      retry: { attempts: 2, backoffMs: 10, retryDelayMs: 1500 },
    }).on(definition, async (event) => {
      if (event.subject === 'reg-bad' && !fixed) {
        attemptsOnBad += 1;
        throw new Error('profile store rejected reg-bad');
      }
      applied.push(event.subject);
    });
    await subscriber.start();
    await waitFor('the group join', () => subscriber.joined);

    // One key, so all of them share a partition: the bad event sits in front of the good ones.
    const key = 'competition-1';
    const bad = createOutboxEntry(definition, confirmedPayload('reg-bad'), { subject: 'reg-bad', key });
    const good = ['reg-1', 'reg-2', 'reg-3'].map((subject) => createOutboxEntry(definition, confirmedPayload(subject), { subject, key }));
    await publisher.publish([bad, ...good]);
    // A message without a valid envelope is poison: straight to the DLQ, no retries.
    await publisher.send([{ topic, messages: [{ key, value: Buffer.from('x'), headers: { id: 'not-a-uuid' } }] }]);

    await waitFor('the later events', () => applied.length === 3, 20_000);
    expect(applied).toEqual(['reg-1', 'reg-2', 'reg-3']);
    expect(attemptsOnBad).toBeLessThanOrEqual(2); // still resting in .retry

    let letters: Record<string, unknown>[] = [];
    await waitFor('two dead letters', async () => (letters = (await runCli(['dlq', 'list', topic])).lines).length === 2, 30_000);
    expect(attemptsOnBad).toBe(4); // 2 on the topic, 2 on the retry topic
    const badLetter = letters.find((letter) => letter.eventId === bad.id);
    expect(badLetter).toMatchObject({
      type: 'registration.confirmed.v1',
      error: 'profile store rejected reg-bad',
      errorCode: 'DC_ERR_INTERNAL',
      attempts: 4,
      consumerGroup: group,
      originalTopic: topic,
      originalPartition: expect.any(Number),
      originalOffset: '0',
    });
    expect(Date.parse(String(badLetter?.failedAt))).toBeGreaterThan(Date.now() - 60_000);
    const poison = letters.find((letter) => letter.eventId === 'not-a-uuid');
    expect(poison).toMatchObject({ errorCode: 'DC_ERR_POISON_MESSAGE', attempts: 0, error: "envelope header 'type' is missing" });

    fixed = true;
    const replay = await runCli(['dlq', 'replay', topic, '--id', bad.id]);
    expect(replay.code).toBe(0);
    expect(replay.lines).toEqual([{ replayed: bad.id, type: 'registration.confirmed.v1', to: topic }]);
    await waitFor('the replayed event', () => applied.includes('reg-bad'), 20_000);
    // Replaying everything again changes nothing: the consumer already applied the event.
    expect((await runCli(['dlq', 'replay', topic, '--all'])).lines).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await subscriber.stop();
    expect(applied.sort()).toEqual(['reg-1', 'reg-2', 'reg-3', 'reg-bad']);
  });

  it('tail prints decoded events with their headers', async () => {
    const result = await runCli(['tail', topic, '--from-beginning', '--max', '1']);
    expect(result.code).toBe(0);
    expect(result.lines[0]).toMatchObject({
      topic,
      headers: { type: 'registration.confirmed.v1', source: 'registration', subject: 'reg-bad' },
      payload: { registrationId: 'reg-bad', competitionId: 'comp-1', version: 1 },
    });
  });

  it('the retry topic carries the failure headers for the owning group only', async () => {
    const consumer = new Kafka({ brokers: brokers(), logLevel: logLevel.NOTHING }).consumer({ groupId: uniqueName('peek'), sessionTimeout: 6000 });
    const seen: Record<string, string>[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: `${topic}.retry`, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {})) headers[name] = String(value);
        seen.push(headers);
      },
    });
    await waitFor('the retry message', () => seen.length >= 1);
    await consumer.disconnect();
    expect(seen[0]).toMatchObject({ 'dc-consumer-group': group, 'dc-attempts': '2', 'dc-original-topic': topic, subject: 'reg-bad' });
    expect(Date.parse(seen[0]['dc-retry-not-before']) - Date.parse(seen[0]['dc-failed-at'])).toBeGreaterThanOrEqual(1400);
  });
});
