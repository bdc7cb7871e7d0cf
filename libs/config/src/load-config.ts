import type { z } from 'zod';
import type { FieldViolation } from '@digicraft/errors';
import { ConfigError } from './config-error';
import { deepFreeze } from './deep-freeze';

const SENSITIVE_NAME = /SECRET|PASSWORD|TOKEN|KEY/i;
/** `scheme://user:pass@host` — credentials inside URLs must not reach logs either. */
const URL_CREDENTIALS = /\/\/[^/@\s]*@/g;
const EX_CONFIG = 78;

/**
 * Parses the environment once at start and freezes the result, so configuration cannot drift
 * while the service runs. Empty variables count as unset (so defaults apply).
 */
export function loadConfig<S extends z.ZodTypeAny>(schema: S, env: NodeJS.ProcessEnv = process.env): Readonly<z.infer<S>> {
  const input: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && value !== '') input[name] = value;
  }
  const result = schema.safeParse(input);
  if (!result.success) throw new ConfigError(describeIssues(result.error.issues, input));
  return deepFreeze(result.data as z.infer<S>);
}

/** For main.ts: a bad configuration is reported on stderr and the process exits with EX_CONFIG. */
export function loadConfigOrExit<S extends z.ZodTypeAny>(schema: S, env: NodeJS.ProcessEnv = process.env): Readonly<z.infer<S>> {
  try {
    return loadConfig(schema, env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return process.exit(EX_CONFIG);
  }
}

function describeIssues(issues: readonly z.ZodIssue[], input: Readonly<Record<string, string>>): FieldViolation[] {
  return issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join('.') : '(environment)';
    const name = String(issue.path[0] ?? '');
    const missing = issue.code === 'invalid_type' && issue.received === 'undefined';
    if (missing) return { field, message: 'is required' };
    const raw = input[name];
    if (raw === undefined || issue.message === 'is required') return { field, message: issue.message };
    return { field, message: `${issue.message}, got ${shown(name, raw)}` };
  });
}

function shown(name: string, raw: string): string {
  if (SENSITIVE_NAME.test(name)) return '[REDACTED]';
  return JSON.stringify(raw.replace(URL_CREDENTIALS, '//[REDACTED]@'));
}
