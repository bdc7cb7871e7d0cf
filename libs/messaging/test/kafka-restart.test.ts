import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startKafkaNode, type KafkaNodeHandle } from '@digicraft/local-infra';
import { createKafka, createOutboxEntry, createOutboxRelay, createPublisher, createSubscriber, outboxFieldsForInsert } from '../src';
import { confirmedOn, confirmedPayload, createTopics, openDb, uniqueName, waitFor } from './support';

// A group of its own: a group shared with other test files' consumers (other topics) would be
// rebalanced with them, and kafkajs may hand this topic's partitions to a member not reading it.
const group = uniqueName('talent-pool');

jest.setTimeout(300_000);

const PORT = 39092;
const CONTROLLER_PORT = 39093;
const EVENTS = 120;
const topic = uniqueName('test.restart');
const definition = confirmedOn(topic);

describe('a Kafka broker stopped while events are being written', () => {
  const home = mkdtempSync(path.join(os.tmpdir(), 'dc-messaging-kafka-'));
  let node: KafkaNodeHandle | undefined;
  let store: Awaited<ReturnType<typeof openDb>>;

  beforeAll(async () => {
    node = await startKafkaNode({ home, port: PORT, controllerPort: CONTROLLER_PORT, partitions: 3 });
    await createTopics([node.brokers], [topic]);
    store = await openDb(uniqueName('msg_restart').replace(/[-.]/g, '_'));
  });
  afterAll(async () => {
    await node?.stop();
    await store?.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('still delivers every event, each applied once, after the broker comes back', async () => {
    const brokers = [`127.0.0.1:${PORT}`];
    const warnings: string[] = [];
    const note = (fields: object, msg?: string) => void warnings.push(`${msg ?? ''} ${JSON.stringify(fields)}`.slice(0, 300));
    const logger = { debug: () => undefined, info: () => undefined, warn: note, error: note };
    const kafka = createKafka({ brokers, clientId: 'restart-test', logger, retry: { initialRetryTime: 200, maxRetryTime: 2000, retries: 5 } });
    const publisher = createPublisher(kafka, { source: 'registration' });
    const relay = createOutboxRelay({ db: store.db, publisher, logger, collections: ['registrations'], sweepIntervalMs: 1000, minAgeMs: 2000, graceMs: 5000 });
    const counters = store.db.collection<{ _id: string; applied: number }>('effects');
    const subscriber = createSubscriber({ kafka, db: store.db, group, publisher, logger, sessionTimeoutMs: 6000 }).on(
      definition,
      async (event) => {
        await counters.updateOne({ _id: event.subject }, { $inc: { applied: 1 } }, { upsert: true });
      },
    );
    await subscriber.start();
    await waitFor('the group join', () => subscriber.joined);
    relay.start();

    const registrations = store.db.collection<{ _id: string }>('registrations');
    const write = async (n: number) => {
      const id = `reg-${n}`;
      const entry = createOutboxEntry(definition, confirmedPayload(id), { subject: id, key: `competition-${n % 7}` });
      await registrations.insertOne({ _id: id, ...outboxFieldsForInsert([entry]) });
      relay.enqueue([entry]);
    };
    for (let n = 0; n < EVENTS / 3; n += 1) await write(n);
    const stopping = node?.stop(); // the broker goes away while writes continue
    for (let n = EVENTS / 3; n < (2 * EVENTS) / 3; n += 1) {
      await write(n);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await stopping;
    for (let n = (2 * EVENTS) / 3; n < EVENTS; n += 1) await write(n);
    node = await startKafkaNode({ home, port: PORT, controllerPort: CONTROLLER_PORT, partitions: 3 });

    try {
      await waitFor('every event', async () => (await counters.countDocuments({})) === EVENTS, 120_000);
    } catch (error) {
      console.error(`applied ${await counters.countDocuments({})} of ${EVENTS}; relay pending ${relay.pending}; joined ${subscriber.joined}\n${warnings.slice(-30).join('\n')}`);
      throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 3000)); // let any republished duplicate arrive
    await relay.stop();
    await subscriber.stop();
    await publisher.disconnect();
    const overApplied = await counters.find({ applied: { $ne: 1 } }).toArray();
    expect(overApplied).toEqual([]);
    expect(await counters.countDocuments({})).toBe(EVENTS);
  });
});
