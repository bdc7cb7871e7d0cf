const DUPLICATE_KEY_CODES = new Set([11000, 11001]);

/** FerretDB 1.24 answers an UPDATE that hits a unique index with code 1 and SQLite's own words. */
const FERRETDB_UPDATE_UNIQUE = 'UNIQUE constraint failed';

/**
 * True for a unique-index violation: a plain write error, a bulk write / insertMany error that
 * contains one, or an error that wraps one as its cause.
 */
export function isDuplicateKeyError(err: unknown, depth = 0): boolean {
  if (typeof err !== 'object' || err === null || depth > 5) return false;
  const e = err as { code?: unknown; writeErrors?: unknown; cause?: unknown; errorResponse?: unknown; errmsg?: unknown; message?: unknown };
  if (typeof e.code === 'number' && DUPLICATE_KEY_CODES.has(e.code)) return true;
  const text = typeof e.errmsg === 'string' ? e.errmsg : typeof e.message === 'string' ? e.message : '';
  if (text.includes(FERRETDB_UPDATE_UNIQUE)) return true;
  const writeErrors = Array.isArray(e.writeErrors) ? e.writeErrors : e.writeErrors ? [e.writeErrors] : [];
  if (writeErrors.some((w: unknown) => isDuplicateKeyError(w, depth + 1))) return true;
  if (e.errorResponse !== undefined && isDuplicateKeyError(e.errorResponse, depth + 1)) return true;
  return e.cause !== undefined && isDuplicateKeyError(e.cause, depth + 1);
}

/**
 * Runs a write and turns a duplicate-key failure into the caller's domain error
 * (e.g. "already registered for this track"); any other failure passes through.
 */
export async function onDuplicateKey<T>(write: () => Promise<T>, toError: (err: unknown) => Error): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isDuplicateKeyError(err)) throw toError(err);
    throw err;
  }
}
