/**
 * Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from the
 * alphabet below (digits and capitals without I, O, S, V, Z). Position 1 is the registration
 * authority, 2 the organization type, 3–8 the administrative division (digits), 9–17 the
 * organization code, 18 a check character computed from the first 17 with weights 3^(i) mod 31.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export type CreditCodeProblem = 'format' | 'checksum';

export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += ALPHABET.indexOf(first17.charAt(i)) * (WEIGHTS[i] ?? 0);
  return ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/** undefined when valid; otherwise what is wrong, so the error message can say it. */
export function checkCreditCode(code: string): CreditCodeProblem | undefined {
  if (!SHAPE.test(code)) return 'format';
  return creditCodeCheckCharacter(code.slice(0, 17)) === code.charAt(17) ? undefined : 'checksum';
}

export function normalizeCreditCode(raw: string): string {
  return raw.trim().toUpperCase();
}
