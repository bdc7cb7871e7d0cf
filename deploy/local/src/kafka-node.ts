import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ServerStartError } from './infra-errors';
import { resolveInfraConfig } from './infra-config';
import { ensureKafkaDistribution, type KafkaDistribution } from './kafka-install';
import { ensureLocalServer, type LocalServerSpec } from './local-server';
import { killProcess, readLivePid, stopProcess } from './process-control';
import { runCommand } from './run-command';
import { kafkaAnswers } from './server-probes';

export interface KafkaNodeOptions {
  /** The node's own folder: properties, data, log and pid file. Reusing it restarts the same node. */
  readonly home: string;
  readonly port: number;
  readonly controllerPort: number;
  /** Default partition count for topics created without one. */
  readonly partitions?: number;
  /** Where the jars are cached; defaults to DIGICRAFT_HOME (or <repo>/.digicraft). */
  readonly cacheHome?: string;
  readonly readyTimeoutMs?: number;
  readonly log?: (line: string) => void;
}

export interface KafkaNodeHandle {
  readonly brokers: string;
  readonly pid: number;
  /** SIGTERM and wait for the controlled shutdown to finish. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>;
}

const STOP_GRACE_MS = 30_000;

function serverProperties(options: KafkaNodeOptions, dataDir: string): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${options.controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${options.port},CONTROLLER://127.0.0.1:${options.controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${options.port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${dataDir}`,
    `num.partitions=${options.partitions ?? 12}`,
    'offsets.topic.replication.factor=1',
    // One partition instead of 50 makes the first consumer-group join fast.
    'offsets.topic.num.partitions=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    // Topics are created by provisioning only; auto-creation races give LEADER_NOT_AVAILABLE.
    'auto.create.topics.enable=false',
    '',
  ].join('\n');
}

/** Kafka's Uuid text form: 16 random bytes in URL-safe base64 without padding, not starting with '-'. */
function randomClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

async function formatOnce(dist: KafkaDistribution, propsFile: string, dataDir: string, logFile: string): Promise<void> {
  if (existsSync(path.join(dataDir, 'meta.properties'))) return;
  const code = await runCommand(
    dist.java,
    ['-Xmx256m', `-Dlog4j.configuration=file:${dist.log4jFile}`, '-cp', dist.classpath, 'kafka.tools.StorageTool', 'format', '-t', randomClusterId(), '-c', propsFile],
    { cwd: path.dirname(propsFile), logFile },
  );
  if (code !== 0) throw new ServerStartError('kafka', `formatting ${dataDir} failed (exit ${code})`, logFile);
}

/** The launcher's description of one single-node KRaft Kafka. */
export function kafkaServerSpec(options: KafkaNodeOptions): LocalServerSpec {
  const home = path.resolve(options.home);
  const propsFile = path.join(home, 'server.properties');
  const dataDir = path.join(home, 'data');
  const logFile = path.join(home, 'kafka.log');
  const brokers = `127.0.0.1:${options.port}`;
  const log = options.log ?? ((): void => undefined);
  return {
    name: 'kafka',
    port: options.port,
    address: brokers,
    dir: home,
    logFile,
    pidFile: path.join(home, 'kafka.pid'),
    marker: propsFile,
    readyTimeoutMs: options.readyTimeoutMs ?? 60_000,
    stopGraceMs: STOP_GRACE_MS,
    answers: () => kafkaAnswers(brokers),
    async prepare() {
      const dist = await ensureKafkaDistribution(options.cacheHome ?? resolveInfraConfig().home, log);
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(propsFile, serverProperties(options, dataDir));
      await formatOnce(dist, propsFile, dataDir, logFile);
      return {
        command: dist.java,
        args: ['-Xmx512m', '-Djava.awt.headless=true', `-Dlog4j.configuration=file:${dist.log4jFile}`, '-cp', dist.classpath, 'kafka.Kafka', propsFile],
      };
    },
  };
}

/**
 * Starts (or finds running) a Kafka node of its own, for tests that stop and restart a broker.
 * Calling it again with the same home reuses the formatted data, so topics and offsets survive.
 */
export async function startKafkaNode(options: KafkaNodeOptions): Promise<KafkaNodeHandle> {
  const spec = kafkaServerSpec(options);
  const state = await ensureLocalServer(spec);
  const pid = state.pid ?? readLivePid(spec.pidFile, spec.marker);
  if (pid === undefined) {
    throw new ServerStartError('kafka', `port ${options.port} is served by a Kafka that this home did not start`, spec.logFile);
  }
  return {
    brokers: spec.address,
    pid,
    stop: async () => {
      await stopProcess(pid, STOP_GRACE_MS);
    },
    kill: () => killProcess(pid),
  };
}
