import { DigiCraftError, type FieldViolation } from '@digicraft/errors';

/** Errors of the registration rules. Codes are public and stable: clients branch on them. */

export class NotEligibleError extends DigiCraftError {
  constructor(failures: readonly FieldViolation[]) {
    super('DC_ERR_NOT_ELIGIBLE', 'failed-precondition', `The applicant fails ${failures.length} eligibility rule(s)`, { fields: failures });
  }
}

export class RegistrationClosedError extends DigiCraftError {
  constructor(message = 'Registration for this competition is not open') {
    super('DC_ERR_REGISTRATION_CLOSED', 'failed-precondition', message);
  }
}

export class AlreadyRegisteredError extends DigiCraftError {
  constructor() {
    super('DC_ERR_ALREADY_REGISTERED', 'conflict', 'This person already holds a registration here');
  }
}

export class TrackFullError extends DigiCraftError {
  constructor(message = 'The track is full and its waitlist is closed or full') {
    super('DC_ERR_TRACK_FULL', 'failed-precondition', message);
  }
}

export class WithdrawalClosedError extends DigiCraftError {
  constructor(deadline: Date) {
    super('DC_ERR_WITHDRAWAL_CLOSED', 'failed-precondition', `Withdrawal closed at ${deadline.toISOString()}`);
  }
}

export class InvalidTransitionError extends DigiCraftError {
  constructor(message: string) {
    super('DC_ERR_INVALID_STATE', 'failed-precondition', message);
  }
}

/** The competition's lifecycle is over: nothing about it changes any more, its results stay readable. */
export class CompetitionArchivedError extends DigiCraftError {
  constructor(message = 'The competition is archived and can no longer change') {
    super('DC_ERR_COMPETITION_ARCHIVED', 'failed-precondition', message);
  }
}

export class CompetitionNotEndedError extends DigiCraftError {
  constructor(endsAt: Date) {
    super('DC_ERR_COMPETITION_NOT_ENDED', 'failed-precondition', `The competition ends at ${endsAt.toISOString()}; it can be archived after that`);
  }
}

export class EditNotAllowedError extends DigiCraftError {
  constructor(fields: readonly FieldViolation[]) {
    super('DC_ERR_EDIT_NOT_ALLOWED', 'failed-precondition', 'These changes are not allowed after publishing', { fields });
  }
}

export class VersionConflictError extends DigiCraftError {
  constructor() {
    super('DC_ERR_VERSION_CONFLICT', 'conflict', 'The resource changed since it was read; reload and retry');
  }
}

export class ForbiddenActionError extends DigiCraftError {
  constructor(message = 'You may not do this') {
    super('DC_ERR_FORBIDDEN', 'permission-denied', message);
  }
}

export class UnauthenticatedError extends DigiCraftError {
  constructor() {
    super('DC_ERR_UNAUTHENTICATED', 'unauthenticated', 'This call needs an authenticated caller');
  }
}
