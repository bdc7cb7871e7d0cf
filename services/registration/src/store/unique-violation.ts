import { isDuplicateKeyError } from '@digicraft/store';

/**
 * A unique-index rejection. MongoDB (and FerretDB on inserts) answer code 11000; FerretDB 1.24
 * answers an UPDATE that hits a unique index with code 1 and SQLite's "UNIQUE constraint failed".
 */
export function isUniqueViolation(err: unknown): boolean {
  if (isDuplicateKeyError(err)) return true;
  return err instanceof Error && err.message.includes('UNIQUE constraint failed');
}

/**
 * The fields of the index that rejected the write when the server says so (MongoDB's
 * `keyPattern`); FerretDB does not, and the caller must find out another way.
 */
export function violatedKeys(err: unknown): readonly string[] | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const pattern = (err as { keyPattern?: unknown }).keyPattern;
  if (typeof pattern !== 'object' || pattern === null) return undefined;
  return Object.keys(pattern);
}
