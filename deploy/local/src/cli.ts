#!/usr/bin/env node
import { isDigiCraftError } from '@digicraft/errors';
import { ensureInfrastructure } from './ensure-infrastructure';
import { resolveInfraConfig } from './infra-config';
import { provisionTopics } from './provisioning';
import { infrastructureStatus, stopInfrastructure } from './stop-infrastructure';

const USAGE = `usage: node deploy/local/dist/cli.js start|stop|status|provision

  start      find or start Kafka, FerretDB (MongoDB protocol) and Redis, detached, then create the topics
  stop       stop the servers this launcher started (SIGTERM, then SIGKILL after a timeout)
  status     one line per server: state, pid, address, log file
  provision  create the platform topics on KAFKA_BROKERS (or the launcher's Kafka)

settings: DIGICRAFT_HOME (cache folder, default <repo>/.digicraft), DIGICRAFT_KAFKA_PORT,
DIGICRAFT_KAFKA_CONTROLLER_PORT, DIGICRAFT_MONGO_PORT, DIGICRAFT_REDIS_PORT, DIGICRAFT_KAFKA_PARTITIONS,
DIGICRAFT_INFRA=local (skip Docker detection), KAFKA_BROKERS / MONGO_URL / REDIS_URL (use as they are)`;

const print = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

async function start(): Promise<void> {
  const result = await ensureInfrastructure({ log: print });
  print(`KAFKA_BROKERS=${result.kafkaBrokers}`);
  print(`MONGO_URL=${result.mongoUrl}`);
  print(`REDIS_URL=${result.redisUrl}`);
}

async function status(): Promise<void> {
  for (const server of await infrastructureStatus()) {
    const pid = server.pid === undefined ? '-' : String(server.pid);
    const where = server.state === 'external' ? '(listening, not started by this launcher)' : `log ${server.logFile}`;
    print(`${server.name.padEnd(17)} ${server.state.padEnd(8)} pid ${pid.padEnd(8)} ${server.address.padEnd(26)} ${where}`);
  }
}

async function provision(): Promise<void> {
  const config = resolveInfraConfig();
  const brokers = process.env.KAFKA_BROKERS?.trim() || `127.0.0.1:${config.kafkaPort}`;
  const result = await provisionTopics({ brokers, partitions: config.kafkaPartitions });
  print(`topics on ${brokers}: created ${result.created.length} [${result.created.join(', ')}], ${result.existing.length} already present`);
}

async function main(command: string | undefined): Promise<number> {
  switch (command) {
    case 'start':
      await start();
      return 0;
    case 'stop':
      await stopInfrastructure();
      print('stopped');
      return 0;
    case 'status':
      await status();
      return 0;
    case 'provision':
      await provision();
      return 0;
    default:
      process.stderr.write(`${USAGE}\n`);
      return command === undefined || command === '--help' || command === 'help' ? 0 : 2;
  }
}

main(process.argv[2]).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = isDigiCraftError(error) ? `${error.code}: ${error.message}` : error instanceof Error ? error.stack ?? error.message : String(error);
    process.stderr.write(`${message}\n`);
    process.exitCode = 1;
  },
);
