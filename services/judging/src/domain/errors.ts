import { DigiCraftError, type FieldViolation } from '@digicraft/errors';

/** The judging service's own errors; each code is public and stable. */

export class InvalidSchemeError extends DigiCraftError {
  constructor(fields: readonly FieldViolation[]) {
    super('DC_ERR_SCHEME_INVALID', 'invalid-argument', 'The marking scheme is invalid', { fields });
  }
}

export class InvalidMarksError extends DigiCraftError {
  constructor(fields: readonly FieldViolation[]) {
    super('DC_ERR_MARKS_INVALID', 'invalid-argument', 'The marks are invalid', { fields });
  }
}

export class JudgingRuleError extends DigiCraftError {
  constructor(code: string, message: string) {
    super(code, 'failed-precondition', message);
  }
}

export class JudgingForbiddenError extends DigiCraftError {
  constructor(message: string) {
    super('DC_ERR_JUDGING_FORBIDDEN', 'permission-denied', message);
  }
}

export class StaleVersionError extends DigiCraftError {
  constructor(what: string, expected: number, actual: number) {
    super('DC_ERR_STALE_VERSION', 'conflict', `${what} is at version ${actual}, not ${expected}; reload and retry`);
  }
}
