import mongoose from 'mongoose';
import type { Logger } from '@digicraft/logging';
import { UnavailableError } from '@digicraft/errors';
import { redactUrlCredentials } from './redact-url';

/** Connections being closed on purpose: their disconnect is expected, not worth a warning. */
const closing = new WeakSet<mongoose.Connection>();

export interface StoreOptions {
  /** Base URL without a database, e.g. `mongodb://127.0.0.1:27018`. */
  readonly url: string;
  readonly dbName: string;
  readonly logger: Logger;
  readonly serverSelectionTimeoutMS?: number;
  readonly maxPoolSize?: number;
}

/**
 * Opens the service's own database. Indexes and collections are created explicitly at start
 * (ensureIndexes), never lazily by mongoose behind a request's back.
 */
export async function connectStore(options: StoreOptions): Promise<mongoose.Connection> {
  const where = `${redactUrlCredentials(options.url)} db=${options.dbName}`;
  const log = options.logger.child({ component: 'store', db: options.dbName });
  const conn = mongoose.createConnection(options.url, {
    dbName: options.dbName,
    autoIndex: false,
    autoCreate: false,
    maxPoolSize: options.maxPoolSize ?? 20,
    minPoolSize: 1,
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 10_000,
  });
  conn.on('disconnected', () => {
    if (!closing.has(conn)) log.warn({ where }, 'store disconnected');
  });
  conn.on('close', () => log.info({ where }, 'store closed'));
  conn.on('reconnected', () => log.info({ where }, 'store reconnected'));
  conn.on('error', (err: Error) => log.error({ where, err: { message: redactUrlCredentials(err.message) } }, 'store error'));
  try {
    await conn.asPromise();
  } catch (err) {
    await conn.close(true).catch(() => undefined);
    throw new UnavailableError(`MongoDB at ${where}`, err);
  }
  log.info({ where }, 'store connected');
  return conn;
}

/** Round trip to the server; readiness checks call this. */
export async function pingStore(conn: mongoose.Connection): Promise<void> {
  const db = conn.db;
  if (db === undefined || conn.readyState !== mongoose.ConnectionStates.connected) {
    throw new UnavailableError('MongoDB');
  }
  try {
    await db.admin().command({ ping: 1 });
  } catch (err) {
    throw new UnavailableError('MongoDB', err);
  }
}

export async function closeStore(conn: mongoose.Connection): Promise<void> {
  if (conn.readyState === mongoose.ConnectionStates.disconnected) return;
  closing.add(conn);
  await conn.close();
}
