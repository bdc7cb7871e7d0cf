import type { FieldViolation } from '@digicraft/errors';

/**
 * Password policy (stated in the API docs): 10 to 128 characters, at least one letter and one
 * digit, not containing the e-mail's local part. Length beats composition rules (NIST SP
 * 800-63B), the letter+digit rule only stops the most common all-digit or all-letter choices.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
export const PASSWORD_POLICY_TEXT =
  `${PASSWORD_MIN_LENGTH}-${PASSWORD_MAX_LENGTH} characters with at least one letter and one digit, not containing the e-mail name`;

export function checkPassword(password: string, email: string, field = 'password'): FieldViolation[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) problems.push(`must be at least ${PASSWORD_MIN_LENGTH} characters`);
  if (password.length > PASSWORD_MAX_LENGTH) problems.push(`must be at most ${PASSWORD_MAX_LENGTH} characters`);
  if (!/\p{L}/u.test(password) || !/\p{N}/u.test(password)) problems.push('must contain a letter and a digit');
  const local = email.split('@')[0]?.toLowerCase() ?? '';
  if (local.length >= 3 && password.toLowerCase().includes(local)) problems.push('must not contain the e-mail name');
  return problems.map((message) => ({ field, message }));
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
