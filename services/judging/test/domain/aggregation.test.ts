import { aggregate, median, trimmedMean } from '../../src/domain/aggregation';

describe('aggregation of judges’ scores', () => {
  it('trimmed mean of six judges drops one highest and one lowest: 50,45,50,46,49,50 → 48.75', () => {
    // sorted 45 46 49 50 50 50 → drop 45 and one 50 → (46+49+50+50)/4 = 195/4 = 48.75
    expect(trimmedMean([50, 45, 50, 46, 49, 50])).toBe(48.75);
  });

  it('with three judges takes the mean of the two closest: 1,3,3 → 3; 3,0,1 → 0.5; ties 1,2,3 → 2', () => {
    // gaps 2 and 0 → the pair (3,3) → 3
    expect(trimmedMean([1, 3, 3])).toBe(3);
    // gaps 1 and 2 → the pair (0,1) → 0.5
    expect(trimmedMean([3, 0, 1])).toBe(0.5);
    // equal gaps 1 and 1 → the middle score 2
    expect(trimmedMean([1, 2, 3])).toBe(2);
  });

  it('with one or two judges the trimmed mean is the plain mean', () => {
    expect(trimmedMean([2, 3])).toBe(2.5);
    expect(trimmedMean([1])).toBe(1);
  });

  it('mean is the default, median takes the middle (or the mean of the two middles)', () => {
    // (2+2+3)/3 = 7/3
    expect(aggregate([2, 2, 3], 'mean')).toBeCloseTo(7 / 3, 12);
    expect(aggregate([3, 0, 2], 'median')).toBe(2);
    expect(median([0, 1, 3, 3])).toBe(2);
    expect(aggregate([50, 45, 50, 46, 49, 50], 'trimmed-mean')).toBe(48.75);
  });

  it('refuses to aggregate nothing', () => {
    expect(() => aggregate([], 'mean')).toThrow(RangeError);
  });
});
