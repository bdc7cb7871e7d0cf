import { Metadata, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { DigiCraftError, type ErrorKind, type FieldViolation, isDigiCraftError } from '@digicraft/errors';
import type { Logger } from '@digicraft/logging';
import { METADATA_KEYS, metadataString } from './metadata';
import { statusName } from './metrics';

/**
 * The one mapping from error kind to gRPC status. `conflict` is ALREADY_EXISTS rather than
 * ABORTED: gRPC defines ABORTED as "retry at a higher level", and retry policies and client
 * libraries treat it as retryable, whereas our conflicts (a duplicate registration, a team name
 * taken, a stale version) must reach the caller unchanged and never be retried blindly.
 * ABORTED from a foreign server still reads back as `conflict` (see KIND_BY_GRPC_STATUS).
 */
export const GRPC_STATUS_BY_KIND: Readonly<Record<ErrorKind, GrpcStatus>> = Object.freeze({
  'invalid-argument': GrpcStatus.INVALID_ARGUMENT,
  unauthenticated: GrpcStatus.UNAUTHENTICATED,
  'permission-denied': GrpcStatus.PERMISSION_DENIED,
  'not-found': GrpcStatus.NOT_FOUND,
  conflict: GrpcStatus.ALREADY_EXISTS,
  'failed-precondition': GrpcStatus.FAILED_PRECONDITION,
  'rate-limited': GrpcStatus.RESOURCE_EXHAUSTED,
  unavailable: GrpcStatus.UNAVAILABLE,
  'deadline-exceeded': GrpcStatus.DEADLINE_EXCEEDED,
  internal: GrpcStatus.INTERNAL,
});

/** The inverse, widened to every status a peer or grpc-js itself can produce. */
const KIND_BY_GRPC_STATUS: Readonly<Record<GrpcStatus, ErrorKind>> = Object.freeze({
  [GrpcStatus.OK]: 'internal', // an error carrying OK is itself a bug
  [GrpcStatus.CANCELLED]: 'unavailable',
  [GrpcStatus.UNKNOWN]: 'internal',
  [GrpcStatus.INVALID_ARGUMENT]: 'invalid-argument',
  [GrpcStatus.DEADLINE_EXCEEDED]: 'deadline-exceeded',
  [GrpcStatus.NOT_FOUND]: 'not-found',
  [GrpcStatus.ALREADY_EXISTS]: 'conflict',
  [GrpcStatus.PERMISSION_DENIED]: 'permission-denied',
  [GrpcStatus.RESOURCE_EXHAUSTED]: 'rate-limited',
  [GrpcStatus.FAILED_PRECONDITION]: 'failed-precondition',
  [GrpcStatus.ABORTED]: 'conflict',
  [GrpcStatus.OUT_OF_RANGE]: 'invalid-argument',
  [GrpcStatus.UNIMPLEMENTED]: 'internal',
  [GrpcStatus.INTERNAL]: 'internal',
  [GrpcStatus.UNAVAILABLE]: 'unavailable',
  [GrpcStatus.DATA_LOSS]: 'internal',
  [GrpcStatus.UNAUTHENTICATED]: 'unauthenticated',
});

export function kindFromGrpcStatus(code: number): ErrorKind {
  return KIND_BY_GRPC_STATUS[code as GrpcStatus] ?? 'internal';
}

const GENERIC_INTERNAL_MESSAGE = 'Internal error';

function serviceError(code: GrpcStatus, details: string, metadata: Metadata): ServiceError {
  return Object.assign(new Error(`${code} ${statusName(code)}: ${details}`), { code, details, metadata });
}

/**
 * Metadata values must be printable ASCII (grpc-js throws otherwise, outside the call, which
 * crashed a service on a field message with an en dash): everything else is \u-escaped, which
 * JSON.parse reads back as the original text.
 */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Server side: what a handler threw → the status the caller gets. A DigiCraftError keeps its
 * code, message and field violations; anything else (and our own `internal` errors, whose
 * messages are written for us, not for callers) becomes INTERNAL with a generic message, and the
 * real error is logged here so it is not lost.
 */
export function toGrpcError(error: unknown, logger: Logger): ServiceError {
  const metadata = new Metadata();
  if (isDigiCraftError(error) && error.kind !== 'internal') {
    metadata.set(METADATA_KEYS.errorCode, error.code);
    if (error.fields.length > 0) metadata.set(METADATA_KEYS.errorFields, asciiJson(error.fields));
    return serviceError(GRPC_STATUS_BY_KIND[error.kind], error.message, metadata);
  }
  const code = isDigiCraftError(error) ? error.code : 'DC_ERR_INTERNAL';
  logger.error({ err: error, errorCode: code }, 'gRPC handler failed with an internal error');
  metadata.set(METADATA_KEYS.errorCode, code);
  return serviceError(GrpcStatus.INTERNAL, GENERIC_INTERNAL_MESSAGE, metadata);
}

export function isServiceError(value: unknown): value is ServiceError {
  return (
    value instanceof Error &&
    typeof (value as Partial<ServiceError>).code === 'number' &&
    (value as Partial<ServiceError>).metadata instanceof Metadata
  );
}

function parseFields(json: string | undefined): FieldViolation[] {
  if (json === undefined) return [];
  try {
    const parsed: unknown = JSON.parse(json);
    if (!Array.isArray(parsed)) return [];
    return parsed.flatMap((item: unknown): FieldViolation[] => {
      if (typeof item !== 'object' || item === null) return [];
      const { field, message } = item as Record<string, unknown>;
      return typeof field === 'string' && typeof message === 'string' ? [{ field, message }] : [];
    });
  } catch {
    return [];
  }
}

export interface CallTarget {
  /** The service called, as people name it (`registration`); it appears in error messages. */
  readonly serviceName: string;
  readonly deadlineMs?: number;
}

/**
 * Client side: a failed call → the DigiCraftError the server raised (same code, kind, fields),
 * or, when the failure happened on the way (no connection, deadline passed, server gone), an
 * unavailable / deadline-exceeded error naming the target service.
 */
export function fromGrpcError(error: unknown, target: CallTarget): DigiCraftError {
  if (isDigiCraftError(error)) return error;
  if (!isServiceError(error)) {
    return new DigiCraftError('DC_ERR_INTERNAL', 'internal', `Call to ${target.serviceName} failed`, { cause: error });
  }
  const remoteCode = metadataString(error.metadata, METADATA_KEYS.errorCode);
  const kind = kindFromGrpcStatus(error.code);
  if (remoteCode !== undefined) {
    const fields = parseFields(metadataString(error.metadata, METADATA_KEYS.errorFields));
    return new DigiCraftError(remoteCode, kind, error.details, { fields, cause: error });
  }
  if (kind === 'deadline-exceeded') {
    const within = target.deadlineMs === undefined ? 'within the deadline' : `within ${target.deadlineMs} ms`;
    return new DigiCraftError('DC_ERR_DEADLINE_EXCEEDED', kind, `${target.serviceName} did not answer ${within}`, {
      cause: error,
    });
  }
  if (kind === 'unavailable') {
    return new DigiCraftError('DC_ERR_UNAVAILABLE', kind, `${target.serviceName} is unavailable`, { cause: error });
  }
  // A status without our metadata comes from grpc-js or a foreign server; its details are not
  // written for our callers, so only the status name is kept in the message.
  const code = `DC_ERR_${kind.toUpperCase().replace(/-/g, '_')}`;
  return new DigiCraftError(code, kind, `${target.serviceName} answered ${statusName(error.code)}`, {
    cause: error,
  });
}
