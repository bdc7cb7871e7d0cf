import { DigiCraftError, type FieldViolation } from './digicraft-error';

/** Errors shared by every service. Service-specific ones subclass DigiCraftError in their domain/. */

export class ValidationError extends DigiCraftError {
  constructor(fields: readonly FieldViolation[], message = 'The request has invalid fields') {
    super('DC_ERR_VALIDATION', 'invalid-argument', message, { fields });
  }
}

export class NotFoundError extends DigiCraftError {
  constructor(what: string, id: string) {
    super('DC_ERR_NOT_FOUND', 'not-found', `${what} ${id} does not exist`);
  }
}

export class ConflictError extends DigiCraftError {
  constructor(code: string, message: string) {
    super(code, 'conflict', message);
  }
}

export class UnavailableError extends DigiCraftError {
  constructor(dependency: string, cause?: unknown) {
    super('DC_ERR_UNAVAILABLE', 'unavailable', `${dependency} is unavailable`, { cause });
  }
}

export class InternalError extends DigiCraftError {
  constructor(message: string, cause?: unknown) {
    super('DC_ERR_INTERNAL', 'internal', message, { cause });
  }
}
