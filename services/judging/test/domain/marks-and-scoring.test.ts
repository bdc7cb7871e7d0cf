import { markViolations, missingAspectIds } from '../../src/domain/marks';
import { scoreEntry } from '../../src/domain/entry-scoring';
import { flaggedAspects, unresolvedFlags } from '../../src/domain/reconciliation';
import { sampleScheme } from './scheme-fixture';

const scheme = sampleScheme();

describe('mark validation', () => {
  it('accepts levels 0–3, marks within the max, and 0/1 for pass/fail', () => {
    expect(markViolations(scheme, [{ aspectId: 'a1', value: 3000 }, { aspectId: 'a2', value: 1 }, { aspectId: 'a3', value: 0 }])).toEqual([]);
  });

  it('names each bad mark', () => {
    expect(
      markViolations(scheme, [
        { aspectId: 'a1', value: 3001 },
        { aspectId: 'a2', value: 2 },
        { aspectId: 'a3', value: 1.5 },
        { aspectId: 'zz', value: 1 },
      ]),
    ).toEqual([
      { field: 'marks[0].value', message: 'must be between 0 and 30.00 points' },
      { field: 'marks[1].value', message: 'a pass/fail aspect takes 1 (pass) or 0 (fail)' },
      { field: 'marks[2].value', message: 'a judgement score is a whole level from 0 to 3 (got 1.5)' },
      { field: 'marks[3].aspectId', message: 'the marking scheme has no aspect "zz"' },
    ]);
  });

  it('lists what is still unmarked', () => {
    expect(missingAspectIds(scheme, { a1: 100, a3: 2 })).toEqual(['a2', 'b1']);
  });
});

describe('entry scoring', () => {
  it('works a full entry by hand', () => {
    // a1 measurement 25.50; a2 pass → 10; a3 scores 2,2,3 mean 7/3 → 20·(7/3)/3 = 15.555…;
    // b1 scores 1,2,2 mean 5/3 → 40·(5/3)/3 = 22.222…; total 25.50+10+15.5556+22.2222 = 73.2778 → 73.28
    const sheets = [
      { a1: 2550, a2: 1, a3: 2, b1: 1 },
      { a1: 2550, a2: 1, a3: 2, b1: 2 },
      { a1: 2550, a2: 1, a3: 3, b1: 2 },
    ];
    const score = scoreEntry(scheme, sheets);
    expect(score.total).toBe(7328);
    expect(score.criteria.A).toBeCloseTo(2550 + 1000 + 1555.5556, 3);
    expect(score.criteria.B).toBeCloseTo(2222.2222, 3);
  });

  it('a failed pass/fail aspect gives 0 and median aggregation takes the middle level', () => {
    const medianScheme = { ...scheme, rule: { ...scheme.rule, aggregation: 'median' as const } };
    // a1 30.00, a2 fail 0, a3 median(1,3,3)=3 → 20, b1 median(0,1,1)=1 → 40/3=13.333; total 63.33
    const score = scoreEntry(medianScheme, [
      { a1: 3000, a2: 0, a3: 1, b1: 0 },
      { a1: 3000, a2: 0, a3: 3, b1: 1 },
      { a1: 3000, a2: 0, a3: 3, b1: 1 },
    ]);
    expect(score.total).toBe(6333);
  });

  it('a chief judge’s resolution replaces the judges’ scores of that aspect', () => {
    // b1 resolved to 2 → 40·2/3 = 26.667; a3 mean(0,0,0)=0; a1 0; a2 pass 10 → 36.67
    const sheets = [
      { a1: 0, a2: 1, a3: 0, b1: 0 },
      { a1: 0, a2: 1, a3: 0, b1: 3 },
    ];
    const score = scoreEntry(scheme, sheets, [{ aspectId: 'b1', value: 2, reason: 'video evidence shows level 2', chiefJudgeId: 'chief' }]);
    expect(score.total).toBe(3667);
    expect(score.aspects.find((a) => a.aspectId === 'b1')).toMatchObject({ aggregated: 2, resolvedByChief: true });
  });
});

describe('reconciliation', () => {
  it('flags judgement scores more than 1 apart and differing measurements, not 1 apart', () => {
    const flags = flaggedAspects(scheme, [
      { a1: 2000, a3: 1, b1: 1 },
      { a1: 2100, a3: 2, b1: 3 },
    ]);
    expect(flags.map((f) => [f.aspectId, f.kind])).toEqual([
      ['a1', 'measurement-mismatch'],
      ['b1', 'judgement-spread'],
    ]);
    expect(flags[1]!.explanation).toBe('scores 1, 3 differ by 2, more than the allowed 1');
  });

  it('a resolution clears its flag; re-scoring within the spread clears it too', () => {
    const flags = flaggedAspects(scheme, [{ b1: 0 }, { b1: 2 }]);
    expect(unresolvedFlags(flags, [{ aspectId: 'b1', value: 1, reason: 'agreed after review', chiefJudgeId: 'c' }])).toEqual([]);
    expect(flaggedAspects(scheme, [{ b1: 1 }, { b1: 2 }])).toEqual([]);
  });

  it('a stricter rule (max spread 0) flags any difference', () => {
    expect(flaggedAspects({ ...scheme, rule: { ...scheme.rule, maxSpread: 0 } }, [{ b1: 1 }, { b1: 2 }])).toHaveLength(1);
  });
});
