import { krippendorffAlphaInterval, panelStatistics } from '../../src/domain/panel-statistics';

describe("Krippendorff's alpha (interval)", () => {
  it('worked example: units [1,1], [2,3], [3,3] give 24/29', () => {
    // n = 6. Do = (0 + 2/1 + 0)/6 = 1/3. Ordered pair squares over 1,1,2,3,3,3:
    // 1–2: 2 pairs·1, 1–3: 6·4, 2–3: 3·1 → 29 unordered, 58 ordered; De = 58/(6·5) = 29/15.
    // α = 1 − (1/3)/(29/15) = 1 − 5/29 = 24/29 ≈ 0.8276
    expect(krippendorffAlphaInterval([[1, 1], [2, 3], [3, 3]])).toBeCloseTo(24 / 29, 12);
  });

  it('is 1 for perfect agreement and undefined without variation or pairs', () => {
    expect(krippendorffAlphaInterval([[0, 0], [3, 3]])).toBe(1);
    expect(krippendorffAlphaInterval([[2, 2], [2, 2]])).toBeUndefined();
    expect(krippendorffAlphaInterval([[1], [2]])).toBeUndefined();
  });
});

describe('panel statistics for the chief judge', () => {
  it('finds the lenient judge: mean deviation from the others and its spread', () => {
    // e1 and e2: j1 gives 3, j2..j4 give 2. j1's deviation = 3 − 2 = +1 in both (spread 0);
    // j2's = 2 − (3+2+2)/3 = −1/3.
    const scores = ['e1', 'e2'].flatMap((entryId) => [
      { judgeId: 'j1', entryId, aspectId: 'x', score: 3 },
      { judgeId: 'j2', entryId, aspectId: 'x', score: 2 },
      { judgeId: 'j3', entryId, aspectId: 'x', score: 2 },
      { judgeId: 'j4', entryId, aspectId: 'x', score: 2 },
    ]);
    const stats = panelStatistics(scores);
    expect(stats.judges[0]).toEqual({ judgeId: 'j1', scores: 2, mean: 3, meanDeviation: 1, spread: 0, outlier: true });
    expect(stats.judges[1]!.meanDeviation).toBeCloseTo(-1 / 3, 12);
    expect(stats.judges[1]!.outlier).toBe(false);
    expect(stats.aspects).toEqual([{ aspectId: 'x', alpha: expect.any(Number), units: 2 }]);
  });
});
