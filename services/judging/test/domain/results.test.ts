import { changedEntryIds, rankEntries, type ScoredEntry } from '../../src/domain/ranking';
import { standardize } from '../../src/domain/standardization';

function scored(entryId: string, total: number, criteria: Record<string, number> = {}): ScoredEntry {
  return { entryId, total, criteria };
}

describe('standardized scores', () => {
  it('700 + 30·(raw − median)/(1.4826·MAD), worked by hand', () => {
    // median 80; |deviations| 20,10,0,10,20 → MAD 10 → scale 14.826
    // 90 → 700 + 300/14.826 = 720.23; 60 → 700 − 600/14.826 = 659.53; 100 → 740.47
    const s = standardize([60, 70, 80, 90, 100]);
    expect(s.scores).toEqual([659.53, 679.77, 700, 720.23, 740.47]);
    expect(s.method).toBe('mad');
    expect(s.formula).toBe('700 + 30·(raw − 80) / (1.4826·MAD = 1.4826·10)');
  });

  it('falls back to the mean absolute deviation when the MAD is 0', () => {
    // median 50; deviations 0,0,0,10,30 → MAD 0; mean AD = 40/5 = 8; scale = 1.2533·8 = 10.0265
    // 60 → 700 + 300/10.0265 = 729.92; 80 → 700 + 900/10.0265 = 789.76
    const s = standardize([50, 50, 50, 60, 80]);
    expect(s.method).toBe('mean-absolute-deviation');
    expect(s.scores).toEqual([700, 700, 700, 729.92, 789.76]);
  });

  it('gives everyone 700 when every raw total is equal, and uses a configured centre and k', () => {
    expect(standardize([70, 70, 70]).scores).toEqual([700, 700, 700]);
    // 500 + 10·(90−80)/14.826 = 506.74
    expect(standardize([60, 70, 80, 90, 100], { centre: 500, k: 10 }).scores[3]).toBe(506.74);
  });
});

describe('ranks and medals', () => {
  it('tied totals share a rank and a medal; the next rank skips (1, 2, 2, 4)', () => {
    const r = rankEntries([scored('a', 9000), scored('b', 8500), scored('c', 8500), scored('d', 8000), scored('e', 7000)]);
    expect(r.standings.map((s) => [s.entryId, s.rank, s.medal])).toEqual([
      ['a', 1, 'gold'],
      ['b', 2, 'silver'],
      ['c', 2, 'silver'],
      // rank 4 > 1+1+1 medals; raw 80 is below the median 85 → below 700 → no medallion
      ['d', 4, 'none'],
      ['e', 5, 'none'],
    ]);
  });

  it('a configured tie-break (highest mark in criterion A) separates equal totals', () => {
    const entries = [scored('x', 8000, { A: 4500 }), scored('y', 8000, { A: 5000 }), scored('z', 9000, { A: 1 })];
    const r = rankEntries(entries, { tieBreaks: ['A'], medals: { gold: 1, silver: 1, bronze: 1 }, standardization: { centre: 700, k: 30 } });
    expect(r.standings.map((s) => [s.entryId, s.rank, s.medal])).toEqual([
      ['z', 1, 'gold'],
      ['y', 2, 'silver'],
      ['x', 3, 'bronze'],
    ]);
  });

  it('medallion for excellence: no medal and standardized ≥ 700; configurable medal counts', () => {
    // raw 90 85 80 80 75 → median 80 → the two 80s standardize to exactly 700
    const r = rankEntries([scored('a', 9000), scored('b', 8500), scored('c', 8000), scored('d', 8000), scored('e', 7500)], {
      tieBreaks: [],
      medals: { gold: 1, silver: 1, bronze: 0 },
      standardization: { centre: 700, k: 30 },
    });
    expect(r.standings.map((s) => [s.entryId, s.rank, s.standardized, s.medal])).toEqual([
      ['a', 1, expect.any(Number), 'gold'],
      ['b', 2, expect.any(Number), 'silver'],
      ['c', 3, 700, 'excellence'],
      ['d', 3, 700, 'excellence'],
      ['e', 5, expect.any(Number), 'none'],
    ]);
  });

  it('a revision reports exactly the entries whose rank, total or medal changed', () => {
    const before = rankEntries([scored('a', 9000), scored('b', 8500), scored('c', 8000)]).standings;
    const after = rankEntries([scored('a', 9000), scored('b', 7900), scored('c', 8000)]).standings;
    expect(changedEntryIds(before, after)).toEqual(['b', 'c']);
  });
});
