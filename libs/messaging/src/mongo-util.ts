import type { mongo } from 'mongoose';
import { isDuplicateKeyError } from '@digicraft/store';

export type Db = mongo.Db;

/** True when every write error of an unordered write is a unique-index refusal (libs/store knows the forms). */
function isOnlyDuplicateKeyErrors(error: unknown): boolean {
  const writeErrors = typeof error === 'object' && error !== null ? (error as { writeErrors?: unknown }).writeErrors : undefined;
  if (Array.isArray(writeErrors) && writeErrors.length > 0) return writeErrors.every((writeError: unknown) => isDuplicateKeyError(writeError));
  return isDuplicateKeyError(error);
}

/**
 * One unordered insertMany where "already there" is success: markers and inbox records are
 * written at least once, so a duplicate only means an earlier attempt got there first.
 */
export async function insertManyIgnoringDuplicates<TDoc extends mongo.Document>(
  collection: mongo.Collection<TDoc>,
  docs: readonly mongo.OptionalUnlessRequiredId<TDoc>[],
): Promise<void> {
  if (docs.length === 0) return;
  try {
    await collection.insertMany([...docs], { ordered: false });
  } catch (error) {
    if (!isOnlyDuplicateKeyErrors(error)) throw error;
  }
}

/** `$in` lookups are split so no single query document grows past a few hundred KB. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
