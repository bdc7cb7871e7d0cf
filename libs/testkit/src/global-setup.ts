// TEMPORARY stub (replaced by the infrastructure work): points tests at the dev servers.
export default async function globalSetup(): Promise<void> {
  process.env.KAFKA_BROKERS ??= '127.0.0.1:19092';
  process.env.MONGO_URL ??= 'mongodb://127.0.0.1:27018';
  process.env.REDIS_URL ??= 'redis://127.0.0.1:16379';
}
