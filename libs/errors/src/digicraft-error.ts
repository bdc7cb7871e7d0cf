/**
 * The kinds of failure every layer agrees on. Each kind is mapped exactly once to an HTTP
 * status (libs/errors/src/http-status.ts) and a gRPC status (libs/grpc), so a service never
 * picks status codes by hand.
 */
export type ErrorKind =
  | 'invalid-argument'
  | 'unauthenticated'
  | 'permission-denied'
  | 'not-found'
  | 'conflict'
  | 'failed-precondition'
  | 'rate-limited'
  | 'unavailable'
  | 'deadline-exceeded'
  | 'internal';

/** One invalid input field, named by its JSON pointer-ish path (`tracks[0].capacity`). */
export interface FieldViolation {
  readonly field: string;
  readonly message: string;
}

export interface DigiCraftErrorOptions {
  readonly fields?: readonly FieldViolation[];
  readonly cause?: unknown;
}

/**
 * Base of every error we raise on purpose. `code` is stable and public (clients branch on it,
 * like fastify's FST_ERR_* codes); `message` is for humans and may change.
 */
export class DigiCraftError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly fields: readonly FieldViolation[];

  constructor(code: string, kind: ErrorKind, message: string, options: DigiCraftErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.kind = kind;
    this.fields = options.fields ?? [];
  }
}

export function isDigiCraftError(value: unknown): value is DigiCraftError {
  return value instanceof DigiCraftError;
}
