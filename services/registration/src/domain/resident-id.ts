/**
 * GB 11643-1999 citizen identity number: 6-digit area code, 8-digit birth date (YYYYMMDD),
 * 3-digit sequence, 1 check character computed by ISO 7064 MOD 11-2 over the first 17 digits.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
const SHAPE = /^\d{17}[\dX]$/;

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '?';
}

/** The birth date the number encodes (YYYY-MM-DD), or undefined when it is not a real date. */
export function encodedBirthDate(id: string): string | undefined {
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/** Upper-cases a trailing x, which people often type. */
export function normalizeResidentId(raw: string): string {
  return raw.trim().toUpperCase();
}

/** Every problem with the number, in words meant for the person typing it. */
export function residentIdProblems(raw: string, birthDate: string | undefined): string[] {
  const id = normalizeResidentId(raw);
  if (!SHAPE.test(id)) return ['must be 17 digits followed by a digit or X'];
  const problems: string[] = [];
  if (checkCharacter(id.slice(0, 17)) !== id[17]) problems.push('check character does not match (GB 11643)');
  const encoded = encodedBirthDate(id);
  if (encoded === undefined) problems.push('encodes no valid birth date');
  else if (birthDate !== undefined && encoded !== birthDate) problems.push('encoded birth date differs from the birth date given');
  return problems;
}

/** Shown instead of the number everywhere: area prefix and last four only. */
export function maskResidentId(id: string): string {
  return `${id.slice(0, 3)}${'*'.repeat(Math.max(0, id.length - 7))}${id.slice(-4)}`;
}

/** Builds a valid number (tests, benchmark): area code, birth date YYYYMMDD, 3-digit sequence. */
export function makeResidentId(area: string, birthYmd: string, sequence: number): string {
  const first17 = `${area}${birthYmd}${String(sequence % 1000).padStart(3, '0')}`;
  return `${first17}${checkCharacter(first17)}`;
}
