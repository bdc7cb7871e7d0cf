import type mongoose from 'mongoose';
import type { Logger } from '@digicraft/logging';
import { closeStore, connectStore, ensureIndexes, pingStore } from '@digicraft/store';
import type { ServicePart } from '../lifecycle';
import type { ReadinessCheck } from '../readiness';

export interface StorePart extends ServicePart, ReadinessCheck {
  /** The open connection; only valid once the part has started. */
  readonly connection: mongoose.Connection;
}

/**
 * The service's own database. `registerModels` declares the models on the fresh connection so
 * their indexes exist before any other part (consumer, relay, gRPC) touches the store.
 */
export function storePart(options: {
  url: string;
  dbName: string;
  logger: Logger;
  registerModels?: (connection: mongoose.Connection) => void;
}): StorePart {
  let connection: mongoose.Connection | undefined;
  const open = (): mongoose.Connection => {
    if (!connection) throw new Error('the store part has not started');
    return connection;
  };
  return {
    name: 'store',
    get connection() {
      return open();
    },
    async start() {
      connection = await connectStore({ url: options.url, dbName: options.dbName, logger: options.logger });
      options.registerModels?.(connection);
      await ensureIndexes(connection);
    },
    async stop() {
      if (connection) await closeStore(connection);
    },
    check: () => pingStore(open()),
  };
}
