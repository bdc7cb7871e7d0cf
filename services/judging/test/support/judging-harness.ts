import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { eventTypeByName, judgingV1, SERVICE_TOPICS, type EventTypeName, type EventPayload } from '@digicraft/contracts';
import { call, createGrpcClient, type DigiCraftGrpcClient, type RequestOf, type ResponseOf, type UnaryMethodName } from '@digicraft/grpc';
import { createLogger } from '@digicraft/logging';
import { createKafka, createOutboxEntry, createPublisher, parseBrokers, startGroupAtEnd, type EventDefinition, type Publisher } from '@digicraft/messaging';
import { startStandardService } from '@digicraft/runtime';
import { freePort, waitFor } from '@digicraft/testkit';
import { judgingServiceSpec } from '../../src/judging-wiring';

type Stub = judgingV1.JudgingServiceClient;
type Client = DigiCraftGrpcClient<Stub>;
export type CallAs = <M extends UnaryMethodName<Stub>>(method: M, request: RequestOf<Stub, M>) => Promise<ResponseOf<Stub, M>>;

export interface Harness {
  readonly database: string;
  readonly db: mongoose.mongo.Db;
  readonly client: Client;
  readonly grpcAddress: string;
  as(actorId: string, roles: readonly string[]): CallAs;
  emit<N extends EventTypeName>(type: N, payload: EventPayload<N>, key: string): Promise<void>;
  waitFor(what: string, check: () => Promise<boolean>, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** The judging service in-process against the real Kafka, FerretDB and Redis, with its own database and consumer group. */
export async function startJudging(): Promise<Harness> {
  const suffix = randomUUID().slice(0, 8);
  const database = `judging_ct_${suffix}`;
  const grpcPort = await freePort();
  const spec = { ...judgingServiceSpec(), name: `judging-ct-${suffix}`, database };
  // Only this run's registration events matter, not the shared dev topic's history.
  await startGroupAtEnd(process.env.KAFKA_BROKERS ?? '', spec.name, [SERVICE_TOPICS.registration]);
  const running = await startStandardService(spec, {
    KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '',
    MONGO_URL: process.env.MONGO_URL ?? '',
    REDIS_URL: process.env.REDIS_URL ?? '',
    SERVICE_NAME: spec.name,
    GRPC_PORT: String(grpcPort),
    ADMIN_PORT: String(await freePort()),
    LOG_LEVEL: 'warn',
    SHUTDOWN_TIMEOUT_MS: '5000',
  }, { exitOnStop: false });
  const grpcAddress = `127.0.0.1:${grpcPort}`;
  const client = createGrpcClient(judgingV1.JudgingServiceClient, grpcAddress, { logger: createLogger({ service: 'judging-test', level: 'warn' }), deadlineMs: 10_000, serviceName: 'judging' });
  const connection = await mongoose.createConnection(process.env.MONGO_URL ?? '', { dbName: database }).asPromise();
  const kafka = createKafka({ brokers: parseBrokers(process.env.KAFKA_BROKERS ?? ''), clientId: `judging-test-${suffix}` });
  const publisher: Publisher = createPublisher(kafka, { source: 'registration-test' });
  return {
    database,
    db: connection.db as mongoose.mongo.Db,
    client,
    grpcAddress,
    as: (actorId, roles) => (method, request) => call(client, method, request, { actor: { id: actorId, roles } }),
    emit: async <N extends EventTypeName>(type: N, payload: EventPayload<N>, key: string) => {
      await publisher.publish([createOutboxEntry(eventTypeByName(type) as unknown as EventDefinition<EventPayload<N>>, payload, { subject: key, key })]);
    },
    waitFor: (what, check, timeoutMs = 30_000) => waitFor(what, check, timeoutMs),
    stop: async () => {
      client.close();
      await publisher.disconnect();
      await connection.close();
      await running.stop('test finished');
    },
  };
}
