import { aggregate } from './aggregation';
import type { MarkValues } from './marks';
import type { Resolution } from './reconciliation';
import { MAX_JUDGEMENT_SCORE, type SchemeDefinition } from './scheme-types';

export interface AspectScore {
  readonly aspectId: string;
  readonly criterionId: string;
  /** Mark in hundredths (unrounded). */
  readonly mark: number;
  /** Judgement aspects: the combined 0–3 score the mark comes from. */
  readonly aggregated?: number;
  readonly resolvedByChief: boolean;
}

export interface EntryScore {
  readonly aspects: readonly AspectScore[];
  /** Hundredths per criterion (unrounded), for tie-breaks and the results table. */
  readonly criteria: Readonly<Record<string, number>>;
  /** Raw total 0–100 points in integer hundredths. */
  readonly total: number;
}

/**
 * An entry's raw total: each judgement aspect gives max × aggregated / 3 (aggregated by the
 * track's rule), each measurement aspect its mark (pass = max, fail = 0). A chief judge's
 * resolution replaces the judges' values for that aspect. Rounded once, at the total.
 */
export function scoreEntry(scheme: SchemeDefinition, sheets: readonly MarkValues[], resolutions: readonly Resolution[] = []): EntryScore {
  const byAspect = new Map(resolutions.map((r) => [r.aspectId, r]));
  const aspects: AspectScore[] = [];
  const criteria: Record<string, number> = {};
  for (const criterion of scheme.criteria) {
    let subtotal = 0;
    for (const aspect of criterion.aspects) {
      const resolution = byAspect.get(aspect.id);
      const values = sheets.map((s) => s[aspect.id]).filter((v): v is number => v !== undefined);
      let mark = 0;
      let aggregated: number | undefined;
      if (aspect.kind === 'judgement') {
        aggregated = resolution?.value ?? (values.length > 0 ? aggregate(values, scheme.rule.aggregation) : 0);
        mark = (aspect.maxMark * aggregated) / MAX_JUDGEMENT_SCORE;
      } else {
        const value = resolution?.value ?? values[0] ?? 0;
        mark = aspect.entry === 'pass-fail' && resolution === undefined ? (value === 1 ? aspect.maxMark : 0) : value;
      }
      subtotal += mark;
      aspects.push({ aspectId: aspect.id, criterionId: criterion.id, mark, resolvedByChief: resolution !== undefined, ...(aggregated === undefined ? {} : { aggregated }) });
    }
    criteria[criterion.id] = subtotal;
  }
  const total = Math.round(aspects.reduce((sum, a) => sum + a.mark, 0));
  return { aspects, criteria, total };
}
