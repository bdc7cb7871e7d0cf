import { Kafka, logLevel } from 'kafkajs';
import {
  createKafka,
  createOutboxEntry,
  createPublisher,
  createSubscriber,
  decodeHeaders,
  PoisonMessageError,
  type EventEnvelope,
} from '../src';
import { brokers, confirmedOn, confirmedPayload, createTopics, deleteTopics, openDb, uniqueName, waitFor, type RegistrationConfirmed } from './support';

const topic = uniqueName('test.roundtrip');
const definition = confirmedOn(topic);

describe('event round trip', () => {
  let store: Awaited<ReturnType<typeof openDb>>;
  beforeAll(async () => {
    await createTopics(brokers(), [topic]);
    store = await openDb(uniqueName('msg_roundtrip').replace(/[-.]/g, '_'));
  });
  afterAll(async () => {
    await store.close();
    await deleteTopics(brokers(), [topic]);
  });

  it('delivers the payload with every envelope header intact', async () => {
    const kafka = createKafka({ brokers: brokers(), clientId: 'roundtrip' });
    const publisher = createPublisher(kafka, { source: 'registration' });
    const received: EventEnvelope<RegistrationConfirmed>[] = [];
    const subscriber = createSubscriber({ kafka, db: store.db, group: uniqueName('judging'), publisher }).on(
      definition,
      async (event) => {
        received.push(event);
      },
    );
    await subscriber.start();
    const cause = { id: '0190f5c2-7d3e-7a44-8b1c-1234567890ab', correlationId: 'corr-42', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' };
    const entry = createOutboxEntry(definition, confirmedPayload('reg-1', 7), { subject: 'reg-1', key: 'comp-1', causedBy: cause });
    await publisher.publish([entry]);
    await waitFor('the event', () => received.length === 1);
    await subscriber.stop();
    await publisher.disconnect();

    const [event] = received;
    expect(event.id).toBe(entry.id);
    expect(event.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(event.type).toBe('registration.confirmed.v1');
    expect(event.source).toBe('registration');
    expect(event.time).toBe(entry.time);
    expect(new Date(event.time).toISOString()).toBe(event.time);
    expect(event.subject).toBe('reg-1');
    expect(event.key).toBe('comp-1');
    expect(event.correlationId).toBe('corr-42');
    expect(event.causationId).toBe(cause.id);
    expect(event.traceparent).toBe(cause.traceparent);
    expect(event.contentType).toBe('application/x-protobuf');
    expect(event.payload).toEqual(confirmedPayload('reg-1', 7));
  });

  it('puts exactly the nine envelope headers on the wire', async () => {
    const kafka = createKafka({ brokers: brokers(), clientId: 'roundtrip-raw' });
    const publisher = createPublisher(kafka, { source: 'registration' });
    const entry = createOutboxEntry(definition, confirmedPayload('reg-2'), { subject: 'reg-2' });
    await publisher.publish([entry]);
    await publisher.disconnect();
    const consumer = new Kafka({ brokers: brokers(), logLevel: logLevel.NOTHING }).consumer({ groupId: uniqueName('raw'), sessionTimeout: 6000 });
    const headers: Record<string, string>[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const text: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {})) text[name] = String(value);
        if (message.key?.toString() === 'reg-2') headers.push(text);
      },
    });
    await waitFor('the raw message', () => headers.length === 1);
    await consumer.disconnect();
    expect(Object.keys(headers[0]).sort()).toEqual(
      ['causation-id', 'content-type', 'correlation-id', 'id', 'source', 'subject', 'time', 'traceparent', 'type'].sort(),
    );
    // A root event correlates and causes itself and starts a new trace.
    expect(headers[0]['correlation-id']).toBe(entry.id);
    expect(headers[0]['causation-id']).toBe(entry.id);
    expect(headers[0].traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });

  it('rejects an envelope missing a header with an error naming it', () => {
    const headers = { id: '0190f5c2-7d3e-7a44-8b1c-1234567890ab', type: 'registration.confirmed.v1', source: 's', time: '2025-01-01T00:00:00.000Z', subject: 'x', 'correlation-id': 'c', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', 'content-type': 'application/x-protobuf' };
    expect(() => decodeHeaders(headers)).toThrow(new PoisonMessageError("envelope header 'causation-id' is missing"));
    expect(() => decodeHeaders({ ...headers, 'causation-id': 'c', type: 'registration.confirmed' })).toThrow(/'type' is invalid/);
    expect(decodeHeaders({ ...headers, 'causation-id': 'c' }).subject).toBe('x');
  });
});
