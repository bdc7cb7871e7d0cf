import type { ErrorKind } from './digicraft-error';

/** The one mapping from error kind to HTTP status. */
export const HTTP_STATUS_BY_KIND: Readonly<Record<ErrorKind, number>> = Object.freeze({
  'invalid-argument': 400,
  unauthenticated: 401,
  'permission-denied': 403,
  'not-found': 404,
  conflict: 409,
  'failed-precondition': 422,
  'rate-limited': 429,
  unavailable: 503,
  'deadline-exceeded': 503,
  internal: 500,
});
