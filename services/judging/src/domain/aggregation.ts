import type { Aggregation } from './scheme-types';

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Trimmed mean of the judging rules: with 4 or more judges drop one highest and one lowest and
 * average the rest; with 3, average the two closest scores (when both pairs are equally close
 * the middle score is taken, which is the mean of the two pairs' means); with 1 or 2, the mean.
 */
export function trimmedMean(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length >= 4) return mean(sorted.slice(1, -1));
  if (sorted.length === 3) {
    const [low, mid, high] = sorted as [number, number, number];
    const lowGap = mid - low;
    const highGap = high - mid;
    if (lowGap < highGap) return (low + mid) / 2;
    if (highGap < lowGap) return (mid + high) / 2;
    return mid;
  }
  return mean(sorted);
}

/** Combines the judges' scores of one aspect by the track's rule. */
export function aggregate(values: readonly number[], method: Aggregation): number {
  if (values.length === 0) throw new RangeError('cannot aggregate zero scores');
  if (method === 'median') return median(values);
  if (method === 'trimmed-mean') return trimmedMean(values);
  return mean(values);
}
