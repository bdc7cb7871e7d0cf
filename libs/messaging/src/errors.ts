import { DigiCraftError } from '@digicraft/errors';

/**
 * A message that can never be processed as it is (missing or malformed envelope header,
 * undecodable payload). It goes straight to the dead-letter topic: retrying cannot help.
 */
export class PoisonMessageError extends DigiCraftError {
  constructor(message: string, cause?: unknown) {
    super('DC_ERR_POISON_MESSAGE', 'invalid-argument', message, { cause });
  }
}

/** A handler kept failing after every in-process attempt. */
export class HandlerFailedError extends DigiCraftError {
  constructor(eventType: string, attempts: number, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super('DC_ERR_HANDLER_FAILED', 'internal', `handler for ${eventType} failed after ${attempts} attempt(s): ${reason}`, {
      cause,
    });
  }
}

/** The error code carried in `dc-error-code` for an arbitrary thrown value. */
export function errorCodeOf(error: unknown): string {
  if (error instanceof DigiCraftError) return error.code;
  if (error instanceof Error && typeof (error as Error & { code?: unknown }).code === 'string') {
    return (error as Error & { code: string }).code;
  }
  return 'DC_ERR_INTERNAL';
}
