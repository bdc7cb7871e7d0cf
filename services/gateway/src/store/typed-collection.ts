import type { Model, mongo } from 'mongoose';

/**
 * The driver collection behind a model, typed with our string `_id`s. Inserts go through it
 * directly: no mongoose casting (outbox payloads stay plain Buffers) and no document overhead.
 */
export function typedCollection<T extends { _id: string }>(model: Model<T>): mongo.Collection<T> {
  return model.collection as unknown as mongo.Collection<T>;
}
