import type { FieldViolation } from '@digicraft/errors';
import { InvalidMarksError } from './errors';
import { aspectIndex, MAX_JUDGEMENT_SCORE, type SchemeDefinition } from './scheme-types';

/**
 * One judge's value for one aspect: a judgement level 0–3, a measurement mark in hundredths
 * (0..max), or for pass/fail aspects 1 (pass) or 0 (fail).
 */
export interface AspectMark {
  readonly aspectId: string;
  readonly value: number;
  readonly comment?: string;
}

/** One judge's marks for one entry, keyed by aspect id. */
export type MarkValues = Readonly<Record<string, number>>;

export function markViolations(scheme: SchemeDefinition, marks: readonly AspectMark[]): FieldViolation[] {
  const index = aspectIndex(scheme);
  const out: FieldViolation[] = [];
  const seen = new Set<string>();
  marks.forEach((mark, i) => {
    const field = `marks[${i}]`;
    const found = index.get(mark.aspectId);
    if (found === undefined) {
      out.push({ field: `${field}.aspectId`, message: `the marking scheme has no aspect "${mark.aspectId}"` });
      return;
    }
    if (seen.has(mark.aspectId)) out.push({ field: `${field}.aspectId`, message: `aspect "${mark.aspectId}" is marked twice` });
    seen.add(mark.aspectId);
    const { aspect } = found;
    if (aspect.kind === 'judgement') {
      if (!Number.isInteger(mark.value) || mark.value < 0 || mark.value > MAX_JUDGEMENT_SCORE) {
        out.push({ field: `${field}.value`, message: `a judgement score is a whole level from 0 to 3 (got ${mark.value})` });
      }
    } else if (aspect.entry === 'pass-fail') {
      if (mark.value !== 0 && mark.value !== 1) out.push({ field: `${field}.value`, message: 'a pass/fail aspect takes 1 (pass) or 0 (fail)' });
    } else if (!Number.isInteger(mark.value) || mark.value < 0 || mark.value > aspect.maxMark) {
      out.push({ field: `${field}.value`, message: `must be between 0 and ${(aspect.maxMark / 100).toFixed(2)} points` });
    }
    if (mark.comment !== undefined && mark.comment.length > 2000) out.push({ field: `${field}.comment`, message: 'at most 2000 characters' });
  });
  return out;
}

export function assertValidMarks(scheme: SchemeDefinition, marks: readonly AspectMark[]): void {
  const violations = markViolations(scheme, marks);
  if (violations.length > 0) throw new InvalidMarksError(violations);
}

/** Aspects a judge still has to mark before submitting. */
export function missingAspectIds(scheme: SchemeDefinition, values: MarkValues): string[] {
  return [...aspectIndex(scheme).keys()].filter((id) => values[id] === undefined);
}
