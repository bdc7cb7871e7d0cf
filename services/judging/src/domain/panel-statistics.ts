/** One judge's score of one judgement aspect of one entry. */
export interface JudgementScore {
  readonly judgeId: string;
  readonly entryId: string;
  readonly aspectId: string;
  readonly score: number;
}

export interface JudgeStatistics {
  readonly judgeId: string;
  readonly scores: number;
  readonly mean: number;
  /** Mean of (own score − mean of the other judges' scores of the same entry and aspect): + lenient, − severe. */
  readonly meanDeviation: number;
  /** Standard deviation of those deviations: how consistently the judge differs from the panel. */
  readonly spread: number;
  readonly outlier: boolean;
}

export interface AspectAgreement {
  readonly aspectId: string;
  /** Krippendorff's alpha for interval data; undefined when there is no variation to measure. */
  readonly alpha: number | undefined;
  readonly units: number;
}

export interface PanelStatistics {
  readonly judges: readonly JudgeStatistics[];
  readonly aspects: readonly AspectAgreement[];
}

/** A judge whose mean deviation from the panel is at least this large (in levels) is flagged. */
export const OUTLIER_DEVIATION = 0.5;

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list === undefined) map.set(k, [item]);
    else list.push(item);
  }
  return map;
}

/**
 * Krippendorff's alpha, interval metric: α = 1 − Do/De with
 * Do = (1/n)·Σ_units Σ_{i≠j} (v_i − v_j)² / (m_u − 1) and De = Σ_{all i≠j} (v_i − v_j)² / (n(n − 1)),
 * n = number of pairable values (values in units with at least two of them).
 */
export function krippendorffAlphaInterval(units: readonly (readonly number[])[]): number | undefined {
  const pairable = units.filter((u) => u.length >= 2);
  const values = pairable.flat();
  const n = values.length;
  if (n < 2) return undefined;
  let observed = 0;
  for (const unit of pairable) {
    let sum = 0;
    for (let i = 0; i < unit.length; i += 1) for (let j = 0; j < unit.length; j += 1) if (i !== j) sum += ((unit[i] as number) - (unit[j] as number)) ** 2;
    observed += sum / (unit.length - 1);
  }
  observed /= n;
  // Σ_{i≠j}(v_i − v_j)² = 2n·Σ(v − mean)², which keeps this O(n).
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const expected = (2 * n * values.reduce((s, v) => s + (v - mean) ** 2, 0)) / (n * (n - 1));
  if (expected === 0) return undefined;
  return 1 - observed / expected;
}

/** What the chief judge reads before signing off: who is lenient or severe, and where judges agree. */
export function panelStatistics(scores: readonly JudgementScore[]): PanelStatistics {
  const cells = groupBy(scores, (s) => `${s.entryId}\u0000${s.aspectId}`);
  const deviations = new Map<string, number[]>();
  for (const cell of cells.values()) {
    if (cell.length < 2) continue;
    const sum = cell.reduce((s, c) => s + c.score, 0);
    for (const c of cell) {
      const othersMean = (sum - c.score) / (cell.length - 1);
      const list = deviations.get(c.judgeId) ?? [];
      list.push(c.score - othersMean);
      deviations.set(c.judgeId, list);
    }
  }
  const judges = [...groupBy(scores, (s) => s.judgeId)].map(([judgeId, own]): JudgeStatistics => {
    const devs = deviations.get(judgeId) ?? [];
    const meanDeviation = devs.length > 0 ? devs.reduce((s, d) => s + d, 0) / devs.length : 0;
    const spread = devs.length > 0 ? Math.sqrt(devs.reduce((s, d) => s + (d - meanDeviation) ** 2, 0) / devs.length) : 0;
    return {
      judgeId,
      scores: own.length,
      mean: own.reduce((s, o) => s + o.score, 0) / own.length,
      meanDeviation,
      spread,
      outlier: Math.abs(meanDeviation) >= OUTLIER_DEVIATION,
    };
  });
  judges.sort((a, b) => a.judgeId.localeCompare(b.judgeId));
  const aspects = [...groupBy(scores, (s) => s.aspectId)].map(([aspectId, list]): AspectAgreement => {
    const units = [...groupBy(list, (s) => s.entryId).values()].map((u) => u.map((s) => s.score));
    return { aspectId, alpha: krippendorffAlphaInterval(units), units: units.length };
  });
  aspects.sort((a, b) => a.aspectId.localeCompare(b.aspectId));
  return { judges, aspects };
}
