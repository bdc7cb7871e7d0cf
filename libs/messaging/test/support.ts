import { randomUUID } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import { registrationEventsV1 } from '@digicraft/contracts';
import { waitFor as waitUntil } from '@digicraft/testkit';
import type { EventDefinition } from '../src';

export const brokers = (): string[] => (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
export const mongoUrl = (): string => process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27018';

export const uniqueName = (prefix: string): string => `${prefix}-${Date.now().toString(36)}-${randomUUID().slice(0, 6)}`;

export type RegistrationConfirmed = registrationEventsV1.RegistrationConfirmed;

/** The real registration.confirmed.v1 codec on a per-test topic. */
export function confirmedOn(topic: string): EventDefinition<RegistrationConfirmed> {
  return { type: 'registration.confirmed.v1', topic, codec: registrationEventsV1.RegistrationConfirmed };
}

export function confirmedPayload(registrationId: string, version = 1): RegistrationConfirmed {
  return registrationEventsV1.RegistrationConfirmed.fromPartial({
    registrationId,
    competitionId: 'comp-1',
    trackId: 'track-1',
    contestantAccountId: 'acct-1',
    memberAccountIds: ['acct-1'],
    teamName: '',
    promotedFromWaitlist: false,
    confirmedAt: new Date('2025-01-02T03:04:05.000Z'),
    version,
  });
}

export async function createTopics(brokerList: string[], baseTopics: string[], partitions = 3): Promise<void> {
  const admin = new Kafka({ brokers: brokerList, clientId: 'messaging-test-admin', logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: baseTopics.flatMap((topic) => [topic, `${topic}.retry`, `${topic}.dlq`]).map((topic) => ({ topic, numPartitions: partitions })),
    });
  } finally {
    await admin.disconnect();
  }
}

export async function deleteTopics(brokerList: string[], baseTopics: string[]): Promise<void> {
  const admin = new Kafka({ brokers: brokerList, clientId: 'messaging-test-admin', logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await admin.deleteTopics({ topics: baseTopics.flatMap((topic) => [topic, `${topic}.retry`, `${topic}.dlq`]) });
  } catch {
    // Best effort: topics are uniquely named per run.
  } finally {
    await admin.disconnect();
  }
}

export async function openDb(dbName: string): Promise<{ db: mongoose.mongo.Db; close(drop?: boolean): Promise<void> }> {
  const connection = await mongoose.createConnection(mongoUrl(), { dbName }).asPromise();
  const db = connection.db;
  if (!db) throw new Error('no database handle');
  return {
    db,
    close: async (drop = true) => {
      if (drop) await db.dropDatabase().catch(() => undefined);
      await connection.close();
    },
  };
}

/** Messaging's waits (consumer joins, broker restarts) get 30 s by default. */
export const waitFor = (what: string, check: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<void> => waitUntil(what, check, timeoutMs);

export interface FixtureRun {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs test/fixtures/<name>.ts in a real child process (so it can really be SIGKILLed). */
export function runFixture(name: string, env: Record<string, string>): FixtureRun {
  const repoRoot = path.resolve(__dirname, '../../..');
  const child = spawn(process.execPath, ['-r', '@swc-node/register', path.join(__dirname, 'fixtures', `${name}.ts`)], {
    cwd: repoRoot,
    env: { ...process.env, ...env, KAFKA_BROKERS: env.KAFKA_BROKERS ?? brokers().join(','), MONGO_URL: mongoUrl() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited };
}

/** Runs the dc-events CLI from source and returns its stdout lines parsed as JSON. */
export async function runCli(args: string[]): Promise<{ code: number | null; lines: Record<string, unknown>[]; stderr: string }> {
  const repoRoot = path.resolve(__dirname, '../../..');
  const child = spawn(process.execPath, ['-r', '@swc-node/register', path.join(__dirname, '../src/cli/main.ts'), ...args], {
    cwd: repoRoot,
    env: { ...process.env, KAFKA_BROKERS: brokers().join(',') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const lines = stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { code, lines, stderr };
}
