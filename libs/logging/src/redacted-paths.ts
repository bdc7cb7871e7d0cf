/**
 * Keys whose values never reach a log line: credentials, tokens and personal data of people
 * (contestants, judges, enterprise contacts). Matched at the top level and one and two levels
 * deep, which covers `{ user: { email } }`, `req.headers.authorization` and `body.account.password`.
 */
export const SENSITIVE_KEYS = [
  // credentials and tokens
  'password',
  'newPassword',
  'currentPassword',
  'oldPassword',
  'passwordHash',
  'secret',
  'clientSecret',
  'apiKey',
  'token',
  'accessToken',
  'refreshToken',
  'idToken',
  'authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  // personal data
  'email',
  'phone',
  'phoneNumber',
  'mobile',
  'idNumber',
  'identityNumber',
  'residentId',
  'nationalId',
  'birthDate',
  'dateOfBirth',
  'displayName',
  'fullName',
  'realName',
] as const;

function atDepths(key: string): string[] {
  // Keys that are not identifiers (HTTP header names) need the bracket form.
  const step = /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
  return [step.startsWith('.') ? key : step, `*${step}`, `*.*${step}`];
}

/** The same rule as pino `redact` paths, for loggers built elsewhere (fastify, scripts). */
export const REDACTED_PATHS: readonly string[] = Object.freeze(SENSITIVE_KEYS.flatMap(atDepths));

/** How many levels below the top the keys are searched (0 = top level only). */
export const REDACTION_DEPTH = 2;

export const REDACTION_CENSOR = '[REDACTED]';
