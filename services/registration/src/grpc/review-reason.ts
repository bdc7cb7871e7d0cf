import { ValidationError } from '@digicraft/errors';

export const REVIEW_REASON_MAX_LENGTH = 500;

/** The organizer's reason, trimmed; refused when too long (the gateway checks too, other callers may not). */
export function reviewReasonOf(reason: string): string {
  const text = reason.trim();
  if (text.length > REVIEW_REASON_MAX_LENGTH) throw new ValidationError([{ field: 'reason', message: `at most ${REVIEW_REASON_MAX_LENGTH} characters` }]);
  return text;
}
