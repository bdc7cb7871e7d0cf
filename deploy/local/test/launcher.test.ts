import path from 'node:path';
import { allPlatformTopics } from '@digicraft/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import {
  ensureInfrastructure,
  infrastructureStatus,
  ServerStartError,
  startKafkaNode,
  stopInfrastructure,
} from '../src';
import { kafkaServerSpec } from '../src/kafka-node';
import { stopLocalServer } from '../src/local-server';
import { isAlive } from '../src/process-control';
import { isPortOpen } from '../src/readiness';
import { redisAnswers } from '../src/server-probes';
import { closeServer, launcherEnv, occupyPort, removeTempHomes, tempHome } from './test-env';

// One file so that the Kafka JVMs start one after another on our two cores.
jest.setTimeout(120_000);

const admin = (brokers: string) =>
  new Kafka({ clientId: 'launcher-test', brokers: [brokers], logLevel: logLevel.NOTHING }).admin();

describe('local launcher', () => {
  afterAll(removeTempHomes);

  it('starts Kafka, FerretDB and Redis detached, reuses them on a second start, and stop leaves no process', async () => {
    const env = launcherEnv({ kafka: 29092, controller: 29093, mongo: 27028, redis: 26379 });
    try {
      const first = await ensureInfrastructure({ env });
      expect(first).toEqual({
        kafkaBrokers: '127.0.0.1:29092',
        mongoUrl: 'mongodb://127.0.0.1:27028',
        redisUrl: 'redis://127.0.0.1:26379',
        started: ['kafka', 'mongo', 'redis'],
      });

      // Provisioned: every platform topic with the configured partition count.
      const kafkaAdmin = admin(first.kafkaBrokers);
      await kafkaAdmin.connect();
      const metadata = await kafkaAdmin.fetchTopicMetadata({ topics: allPlatformTopics() });
      await kafkaAdmin.disconnect();
      expect(metadata.topics.map((t) => t.name).sort()).toEqual([...allPlatformTopics()].sort());
      expect(metadata.topics.every((t) => t.partitions.length === 3)).toBe(true);

      const mongo = new MongoClient(first.mongoUrl);
      await mongo.connect();
      await mongo.db('launcher_test').collection('things').insertOne({ _id: 'a' as never, n: 1 });
      expect(await mongo.db('launcher_test').collection('things').findOne({ _id: 'a' as never })).toEqual({ _id: 'a', n: 1 });
      await mongo.close();
      expect(await redisAnswers(26379)).toBe(true);

      const status = await infrastructureStatus(env);
      expect(status.map((s) => [s.state, s.address])).toEqual([
        ['running', '127.0.0.1:29092'],
        ['running', 'mongodb://127.0.0.1:27028'],
        ['running', 'redis://127.0.0.1:26379'],
      ]);
      const pids = status.map((s) => s.pid ?? -1);
      expect(pids.every((pid) => pid > 0 && isAlive(pid))).toBe(true);
      expect(status[0].logFile).toBe(path.join(env.DIGICRAFT_HOME ?? '', 'kafka', 'kafka.log'));

      const second = await ensureInfrastructure({ env });
      expect(second.started).toEqual([]);
      expect((await infrastructureStatus(env)).map((s) => s.pid)).toEqual(pids);

      await stopInfrastructure(undefined, env);
      expect(pids.filter((pid) => isAlive(pid))).toEqual([]);
      expect(await Promise.all([29092, 29093, 27028, 26379].map((port) => isPortOpen(port)))).toEqual([false, false, false, false]);
      expect((await infrastructureStatus(env)).map((s) => s.state)).toEqual(['stopped', 'stopped', 'stopped']);
    } finally {
      await stopInfrastructure(undefined, env);
    }
  });

  it('refuses a port held by another program, naming the server and its log file', async () => {
    const squatter = await occupyPort(26479);
    const env: NodeJS.ProcessEnv = {
      ...launcherEnv({ kafka: 29392, controller: 29393, mongo: 27038, redis: 26479 }),
      // Kafka and Mongo come from the environment so that only Redis is launched.
      KAFKA_BROKERS: '127.0.0.1:1',
      MONGO_URL: 'mongodb://127.0.0.1:1',
    };
    try {
      const failure = ensureInfrastructure({ env, provision: false });
      await expect(failure).rejects.toBeInstanceOf(ServerStartError);
      await expect(failure).rejects.toThrow(
        `redis did not start: port 26479 is already in use by a program that does not answer as redis (log: ${path.join(env.DIGICRAFT_HOME ?? '', 'redis', 'redis.log')})`,
      );
    } finally {
      await closeServer(squatter);
    }
  });

  it('reports a Kafka that dies during start with its log, and leaves no process behind', async () => {
    const squatter = await occupyPort(29293); // the controller port: the JVM fails to bind it
    const home = tempHome('digicraft-kafka-');
    try {
      const failure = startKafkaNode({ home, port: 29292, controllerPort: 29293 });
      await expect(failure).rejects.toThrow(/^kafka did not start: it exited during start \(log: .*kafka\.log\)/);
      await expect(failure).rejects.toThrow(/Address already in use|BindException/);
      expect(await isPortOpen(29292)).toBe(false);
    } finally {
      await closeServer(squatter);
    }
  });

  it('restarts a Kafka node of its own with its topics and messages, after a stop and after a kill', async () => {
    const home = tempHome('digicraft-kafka-');
    const topic = `restart-${Date.now()}`;
    const node = await startKafkaNode({ home, port: 29192, controllerPort: 29193 });
    try {
      const kafka = new Kafka({ clientId: 'restart-test', brokers: [node.brokers], logLevel: logLevel.NOTHING });
      const kafkaAdmin = kafka.admin();
      await kafkaAdmin.connect();
      await kafkaAdmin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
      await kafkaAdmin.disconnect();
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({ topic, messages: [{ key: 'k', value: 'before restart' }] });
      await producer.disconnect();

      await node.stop();
      expect(isAlive(node.pid)).toBe(false);
      expect(await isPortOpen(29192)).toBe(false);

      const again = await startKafkaNode({ home, port: 29192, controllerPort: 29193 });
      expect(again.pid).not.toBe(node.pid);
      const restartedAdmin = admin(again.brokers);
      await restartedAdmin.connect();
      const offsets = await restartedAdmin.fetchTopicOffsets(topic);
      await restartedAdmin.disconnect();
      expect(offsets.map((o) => o.high)).toEqual(['1']);

      await again.kill();
      expect(isAlive(again.pid)).toBe(false);
      const afterCrash = await startKafkaNode({ home, port: 29192, controllerPort: 29193 });
      const crashAdmin = admin(afterCrash.brokers);
      await crashAdmin.connect();
      expect(await crashAdmin.listTopics()).toContain(topic);
      await crashAdmin.disconnect();
      await afterCrash.stop();
      expect(isAlive(afterCrash.pid)).toBe(false);
    } finally {
      await stopLocalServer(kafkaServerSpec({ home, port: 29192, controllerPort: 29193 }));
    }
  });
});
