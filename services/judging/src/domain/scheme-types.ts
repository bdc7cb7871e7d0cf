/**
 * The marking scheme of one track. Marks are integer hundredths of a point (common.proto), so
 * sums are exact; judgement scores are the 0–3 levels themselves.
 */

export type Aggregation = 'mean' | 'median' | 'trimmed-mean';

export interface JudgementLevel {
  readonly score: number;
  readonly descriptor: string;
}

export interface MeasurementAspect {
  readonly id: string;
  readonly kind: 'measurement';
  readonly description: string;
  readonly maxMark: number;
  /** `mark`: any value 0..max is entered; `pass-fail`: pass gives max, fail gives 0. */
  readonly entry: 'mark' | 'pass-fail';
}

export interface JudgementAspect {
  readonly id: string;
  readonly kind: 'judgement';
  readonly description: string;
  readonly maxMark: number;
  /** Exactly the levels 0, 1, 2 and 3, each with a written descriptor. */
  readonly levels: readonly JudgementLevel[];
}

export type Aspect = MeasurementAspect | JudgementAspect;

export interface Criterion {
  readonly id: string;
  readonly name: string;
  /** Share of the 100-point total, in hundredths; the aspects' max marks add up to it. */
  readonly weight: number;
  readonly aspects: readonly Aspect[];
}

export interface JudgementRule {
  /** Judges that score every judgement aspect of an entry. */
  readonly judgesPerEntry: number;
  readonly aggregation: Aggregation;
  /** Two scores of one aspect further apart than this flag it for reconciliation (default 1). */
  readonly maxSpread: number;
}

export interface SchemeDefinition {
  readonly criteria: readonly Criterion[];
  readonly rule: JudgementRule;
}

export interface MarkingScheme extends SchemeDefinition {
  readonly version: number;
  /** Set when the first mark was saved; a later change makes a new version. */
  readonly frozen: boolean;
}

export const TOTAL_WEIGHT = 100_00;
export const JUDGEMENT_LEVELS = [0, 1, 2, 3] as const;
export const MAX_JUDGEMENT_SCORE = 3;
export const DEFAULT_RULE: JudgementRule = Object.freeze({ judgesPerEntry: 3, aggregation: 'mean', maxSpread: 1 });

export function allAspects(scheme: SchemeDefinition): Aspect[] {
  return scheme.criteria.flatMap((c) => c.aspects);
}

export function aspectIndex(scheme: SchemeDefinition): Map<string, { aspect: Aspect; criterionId: string }> {
  const index = new Map<string, { aspect: Aspect; criterionId: string }>();
  for (const criterion of scheme.criteria) {
    for (const aspect of criterion.aspects) index.set(aspect.id, { aspect, criterionId: criterion.id });
  }
  return index;
}
