import type mongoose from 'mongoose';
import { assertSupportedIndexes, type IndexedModel } from './index-support';

/**
 * Creates the declared indexes of the given models (default: every model registered on the
 * connection) at start. All declarations are checked before anything is created, so a bad one
 * fails the start without leaving half the indexes built.
 */
export async function ensureIndexes(conn: mongoose.Connection, models?: readonly IndexedModel[]): Promise<void> {
  const targets: IndexedModel[] = models ? [...models] : Object.values(conn.models);
  for (const model of targets) assertSupportedIndexes(model);
  for (const model of targets) {
    // createCollection first: with autoCreate off the collection may not exist yet.
    await model.createCollection().catch((err: unknown) => {
      if (!isNamespaceExists(err)) throw err;
    });
    await model.createIndexes();
  }
}

function isNamespaceExists(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && err.code === 48;
}
