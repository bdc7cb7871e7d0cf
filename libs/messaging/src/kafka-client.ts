import { Kafka, logLevel, type LogEntry, type RetryOptions } from 'kafkajs';
import { silentLogger, type MessagingLogger } from './logger';

export interface KafkaOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly logger?: MessagingLogger;
  /** kafkajs retry settings for every request (defaults suit a broker restart of ~30 s). */
  readonly retry?: RetryOptions;
  readonly connectionTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
}

// kafkajs warns about its partitioner change on every producer; we use the default on purpose.
process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';

/** kafkajs log lines go through our logger so they carry the service's fields and format. */
function bridgeLogs(logger: MessagingLogger) {
  return () =>
    ({ namespace, level, log }: LogEntry): void => {
      const { message, timestamp: _timestamp, ...extra } = log;
      const fields = { kafkajs: namespace, ...extra };
      if (level === logLevel.ERROR) logger.error(fields, String(message));
      else if (level === logLevel.WARN) logger.warn(fields, String(message));
      else if (level === logLevel.INFO) logger.info(fields, String(message));
      else logger.debug(fields, String(message));
    };
}

export function createKafka(options: KafkaOptions): Kafka {
  return new Kafka({
    brokers: [...options.brokers],
    clientId: options.clientId,
    logLevel: logLevel.WARN,
    logCreator: bridgeLogs(options.logger ?? silentLogger),
    connectionTimeout: options.connectionTimeoutMs ?? 3000,
    requestTimeout: options.requestTimeoutMs ?? 30000,
    retry: options.retry ?? { initialRetryTime: 300, maxRetryTime: 5000, retries: 10 },
  });
}

/** Parses `KAFKA_BROKERS`-style lists: `127.0.0.1:19092,127.0.0.1:19093`. */
export function parseBrokers(list: string): string[] {
  return list
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker.length > 0);
}
