import { median } from './aggregation';

export interface StandardizationConfig {
  /** Centre of the scale (700). */
  readonly centre: number;
  /** Points per robust standard deviation (30). */
  readonly k: number;
}

export const DEFAULT_STANDARDIZATION: StandardizationConfig = Object.freeze({ centre: 700, k: 30 });

export interface Standardization {
  readonly scores: readonly number[];
  readonly median: number;
  readonly scale: number;
  readonly method: 'mad' | 'mean-absolute-deviation' | 'all-equal';
  /** The formula with the numbers used, shown with the results. */
  readonly formula: string;
}

// 1.4826·MAD estimates σ for normal data; so does √(π/2)·(mean absolute deviation).
const MAD_TO_SIGMA = 1.4826;
const MEAN_AD_TO_SIGMA = Math.sqrt(Math.PI / 2);

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/**
 * 700 + k·(raw − median)/(1.4826·MAD). When more than half the totals are equal the MAD is 0:
 * then the scale is √(π/2)·(mean absolute deviation from the median); when every total is equal
 * that is 0 too and every entry gets the centre (700). Raw totals are in points.
 */
export function standardize(raw: readonly number[], config: StandardizationConfig = DEFAULT_STANDARDIZATION): Standardization {
  if (raw.length === 0) return { scores: [], median: 0, scale: 0, method: 'all-equal', formula: `${config.centre} (no entries)` };
  const med = median(raw);
  const deviations = raw.map((x) => Math.abs(x - med));
  const mad = median(deviations);
  let scale = MAD_TO_SIGMA * mad;
  let method: Standardization['method'] = 'mad';
  let scaleText = `1.4826·MAD = 1.4826·${round2(mad)}`;
  if (scale === 0) {
    const meanAd = deviations.reduce((s, d) => s + d, 0) / deviations.length;
    scale = MEAN_AD_TO_SIGMA * meanAd;
    method = scale === 0 ? 'all-equal' : 'mean-absolute-deviation';
    scaleText = `√(π/2)·meanAD = 1.2533·${round2(meanAd)} (MAD is 0)`;
  }
  if (scale === 0) {
    return { scores: raw.map(() => config.centre), median: med, scale: 0, method, formula: `${config.centre} for every entry (all raw totals are equal)` };
  }
  const scores = raw.map((x) => round2(config.centre + (config.k * (x - med)) / scale));
  const formula = `${config.centre} + ${config.k}·(raw − ${round2(med)}) / (${scaleText})`;
  return { scores, median: med, scale, method, formula };
}
