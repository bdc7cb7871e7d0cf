import { z } from 'zod';
import { bindHost, durationMs, kafkaBrokers, logLevel, oneOf, port, positiveInt, serviceName, url } from './fields';

/**
 * What every service needs. Services add their own fields with `serviceConfigSchema.extend({…})`.
 * Keys are the environment variable names so that error messages name the variable.
 */
export const serviceConfigSchema = z.object({
  SERVICE_NAME: serviceName(),
  NODE_ENV: oneOf(['development', 'test', 'production'], { default: 'development' }),
  LOG_LEVEL: logLevel({ default: 'info' }),
  KAFKA_BROKERS: kafkaBrokers(),
  /** Base URL without a database; each service appends its own database name. */
  MONGO_URL: url({ protocols: ['mongodb', 'mongodb+srv'] }),
  REDIS_URL: url({ protocols: ['redis', 'rediss'] }),
  /** Where the gRPC and admin servers listen: loopback here, all interfaces in a container. */
  BIND_HOST: bindHost({ default: '127.0.0.1' }),
  GRPC_PORT: port(),
  ADMIN_PORT: port(),
  SHUTDOWN_TIMEOUT_MS: durationMs({ default: 10_000 }),
  KAFKA_PARTITIONS: positiveInt({ default: 12 }),
});

export type ServiceConfig = z.infer<typeof serviceConfigSchema>;
