import type { MarkValues } from './marks';
import { allAspects, type SchemeDefinition } from './scheme-types';

/** What the chief judge decided for a flagged aspect, with the written reason the rules demand. */
export interface Resolution {
  readonly aspectId: string;
  /** Judgement: the aspect's agreed score 0–3 (may be fractional); measurement: the mark in hundredths. */
  readonly value: number;
  readonly reason: string;
  readonly chiefJudgeId: string;
}

export interface Flag {
  readonly aspectId: string;
  readonly kind: 'judgement-spread' | 'measurement-mismatch';
  readonly values: readonly number[];
  readonly explanation: string;
}

/**
 * Aspects whose judges disagree: judgement scores further apart than the rule's maximum spread
 * (default 1, so 1 and 3 are flagged but 1 and 2 are not), or differing measurement marks.
 */
export function flaggedAspects(scheme: SchemeDefinition, sheets: readonly MarkValues[]): Flag[] {
  const flags: Flag[] = [];
  for (const aspect of allAspects(scheme)) {
    const values = sheets.map((s) => s[aspect.id]).filter((v): v is number => v !== undefined);
    if (values.length < 2) continue;
    const spread = Math.max(...values) - Math.min(...values);
    if (aspect.kind === 'judgement' && spread > scheme.rule.maxSpread) {
      flags.push({
        aspectId: aspect.id,
        kind: 'judgement-spread',
        values,
        explanation: `scores ${values.join(', ')} differ by ${spread}, more than the allowed ${scheme.rule.maxSpread}`,
      });
    } else if (aspect.kind === 'measurement' && spread > 0) {
      flags.push({ aspectId: aspect.id, kind: 'measurement-mismatch', values, explanation: `judges entered different marks: ${values.join(', ')}` });
    }
  }
  return flags;
}

/** Flags neither cleared by re-scoring nor resolved by the chief judge. */
export function unresolvedFlags(flags: readonly Flag[], resolutions: readonly Resolution[]): Flag[] {
  const resolved = new Set(resolutions.map((r) => r.aspectId));
  return flags.filter((f) => !resolved.has(f.aspectId));
}
