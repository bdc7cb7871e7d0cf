import { z } from 'zod';

export interface FieldOptions<T> {
  /** Used when the variable is unset or empty. */
  readonly default?: T;
}

/** Turns a trimmed, non-empty raw value into T, or undefined when it is not acceptable. */
export type Parser<T> = (raw: string) => T | undefined;

/**
 * One environment variable: a string in, a typed value out. Parsers return undefined for a
 * bad value and the issue reads `expected <expected>`; loadConfig appends the offending value.
 * Unset variables report `is required` unless a default is given.
 */
export function envField<T>(
  expected: string,
  parse: Parser<T>,
  options: FieldOptions<T> = {},
): z.ZodEffects<z.ZodOptional<z.ZodString>, T, string | undefined> {
  return z
    .string()
    .optional()
    .transform((raw, ctx): T => {
      if (raw === undefined || raw.trim() === '') {
        if (options.default !== undefined) return options.default;
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'is required' });
        return z.NEVER;
      }
      const value = parse(raw.trim());
      if (value === undefined) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `expected ${expected}` });
        return z.NEVER;
      }
      return value;
    });
}
