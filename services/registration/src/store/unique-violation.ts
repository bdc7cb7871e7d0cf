import { isDuplicateKeyError } from '@digicraft/store';

/** A unique-index rejection, on inserts and updates alike (libs/store knows both servers' forms). */
export const isUniqueViolation = isDuplicateKeyError;

/**
 * The fields of the index that rejected the write when the server says so (MongoDB's
 * `keyPattern`); FerretDB does not, and the caller must find out another way.
 */
export function violatedKeys(err: unknown): readonly string[] | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  // A batch's write error keeps the server's reply under `err`.
  const raw = (err as { err?: unknown }).err;
  const pattern = (err as { keyPattern?: unknown }).keyPattern ?? (typeof raw === 'object' && raw !== null ? (raw as { keyPattern?: unknown }).keyPattern : undefined);
  if (typeof pattern !== 'object' || pattern === null) return undefined;
  return Object.keys(pattern);
}
