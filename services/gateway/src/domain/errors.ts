import { DigiCraftError } from '@digicraft/errors';

/** The gateway's own errors; each code is public and stable (clients branch on it). */

export class InvalidCredentialsError extends DigiCraftError {
  constructor() {
    // One message whether the e-mail exists or not, so login cannot probe for accounts.
    super('DC_ERR_INVALID_CREDENTIALS', 'unauthenticated', 'E-mail or password is wrong');
  }
}

export class AuthenticationRequiredError extends DigiCraftError {
  constructor(message = 'A valid access token is required') {
    super('DC_ERR_UNAUTHENTICATED', 'unauthenticated', message);
  }
}

export class InvalidTokenError extends DigiCraftError {
  constructor(message = 'The access token is invalid or expired') {
    super('DC_ERR_TOKEN_INVALID', 'unauthenticated', message);
  }
}

export class InvalidRefreshTokenError extends DigiCraftError {
  constructor() {
    super('DC_ERR_REFRESH_TOKEN_INVALID', 'unauthenticated', 'The refresh token is invalid, expired or revoked');
  }
}

export class RefreshTokenReusedError extends DigiCraftError {
  constructor() {
    super(
      'DC_ERR_REFRESH_TOKEN_REUSED',
      'unauthenticated',
      'This refresh token was already used; every session of its family has been revoked, sign in again',
    );
  }
}

export class ForbiddenError extends DigiCraftError {
  constructor(message = 'Your roles do not allow this') {
    super('DC_ERR_FORBIDDEN', 'permission-denied', message);
  }
}

export class EmailTakenError extends DigiCraftError {
  constructor() {
    super('DC_ERR_EMAIL_TAKEN', 'conflict', 'An account with this e-mail already exists');
  }
}

export class InvitationInvalidError extends DigiCraftError {
  constructor() {
    super('DC_ERR_INVITATION_INVALID', 'failed-precondition', 'The invitation is unknown, expired or already used');
  }
}

export class InvitationEmailMismatchError extends DigiCraftError {
  constructor() {
    super('DC_ERR_INVITATION_EMAIL_MISMATCH', 'permission-denied', 'The invitation was issued to another e-mail address');
  }
}

export class AccountDisabledError extends DigiCraftError {
  constructor() {
    super('DC_ERR_ACCOUNT_DISABLED', 'permission-denied', 'This account is disabled');
  }
}

/** Carries how long to wait; the HTTP layer turns it into `Retry-After`. */
export class RateLimitedError extends DigiCraftError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number, code = 'DC_ERR_RATE_LIMITED', message = 'Too many requests, slow down') {
    super(code, 'rate-limited', message);
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
  }
}

export class IdempotencyKeyReusedError extends DigiCraftError {
  constructor() {
    super(
      'DC_ERR_IDEMPOTENCY_KEY_REUSED',
      'failed-precondition',
      'This Idempotency-Key was already used with a different request body',
    );
  }
}

export class IdempotencyInProgressError extends DigiCraftError {
  constructor() {
    super('DC_ERR_IDEMPOTENCY_IN_PROGRESS', 'conflict', 'A request with this Idempotency-Key is still being processed');
  }
}
