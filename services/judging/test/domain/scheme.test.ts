import { effectiveMarks } from '../../src/domain/remarking';
import { schemeViolations, assertValidScheme } from '../../src/domain/scheme-validation';
import { applySchemeChange, touchedAspectIds } from '../../src/domain/scheme-versioning';
import { judgement, sampleScheme } from './scheme-fixture';

describe('marking scheme validation', () => {
  it('accepts a scheme whose weights add up to 100 and whose aspects fill their criteria', () => {
    expect(schemeViolations(sampleScheme())).toEqual([]);
  });

  it('names the weights that do not add up to 100, with both sums in points', () => {
    const s = sampleScheme();
    const bad = { ...s, criteria: [s.criteria[0]!, { ...s.criteria[1]!, weight: 3950, aspects: [judgement('b1', 3950)] }] };
    // 60.00 + 39.50 = 99.50
    expect(schemeViolations(bad)).toEqual([{ field: 'criteria', message: 'criterion weights add up to 99.50, they must add up to 100.00' }]);
  });

  it('says which criterion has aspects that do not add up to its weight', () => {
    const s = sampleScheme();
    const bad = { ...s, criteria: [s.criteria[0]!, { ...s.criteria[1]!, aspects: [judgement('b1', 3500)] }] };
    expect(schemeViolations(bad)).toContainEqual({
      field: 'criteria[1].aspects',
      message: "the aspects' max marks add up to 35.00 but the criterion weighs 40.00",
    });
  });

  it('requires each judgement level 0–3 exactly once, each with a descriptor', () => {
    const s = sampleScheme();
    const b1 = judgement('b1', 4000);
    const levels = [b1.levels[0]!, b1.levels[1]!, { score: 2, descriptor: '  ' }];
    const bad = { ...s, criteria: [s.criteria[0]!, { ...s.criteria[1]!, aspects: [{ ...b1, levels }] }] };
    expect(schemeViolations(bad)).toEqual([
      { field: 'criteria[1].aspects[0].levels', message: 'must define each level 0, 1, 2 and 3 exactly once (got 0, 1, 2)' },
      { field: 'criteria[1].aspects[0].levels[2].descriptor', message: 'level 2 needs a written descriptor' },
    ]);
  });

  it('rejects duplicate aspect ids, bad rules and fractional hundredths, all at once with a stable code', () => {
    const s = sampleScheme();
    const bad = {
      criteria: [s.criteria[0]!, { ...s.criteria[1]!, aspects: [{ ...judgement('a1', 4000) }] }],
      rule: { judgesPerEntry: 0, aggregation: 'mode' as 'mean', maxSpread: 5 },
    };
    const fields = schemeViolations(bad).map((v) => v.field);
    expect(fields).toEqual(['criteria[1].aspects[0].id', 'rule.judgesPerEntry', 'rule.aggregation', 'rule.maxSpread']);
    expect(() => assertValidScheme(bad)).toThrow(expect.objectContaining({ code: 'DC_ERR_SCHEME_INVALID' }));
  });
});

describe('scheme freeze and versioning', () => {
  it('edits before marking make new versions with nothing to re-mark', () => {
    const first = applySchemeChange(undefined, sampleScheme());
    expect(first.scheme.version).toBe(1);
    const s = sampleScheme();
    const second = applySchemeChange(first.scheme, { ...s, criteria: [{ ...s.criteria[0]!, name: 'Pipeline' }, s.criteria[1]!] });
    expect(second.scheme.version).toBe(2);
    expect(second.remark).toEqual([]);
  });

  it('once frozen, a change is a new version and lists exactly the aspects to re-mark', () => {
    const frozen = { ...sampleScheme(), version: 3, frozen: true };
    const s = sampleScheme();
    const a3 = { ...judgement('a3', 2000), description: 'clarity of the dashboard' };
    const change = applySchemeChange(frozen, { ...s, criteria: [{ ...s.criteria[0]!, aspects: [s.criteria[0]!.aspects[0]!, s.criteria[0]!.aspects[1]!, a3] }, s.criteria[1]!] });
    expect(change.scheme.version).toBe(4);
    expect(change.scheme.frozen).toBe(true);
    expect(change.remark).toEqual(['a3']);
  });

  it('a rule change touches every judgement aspect; an identical scheme changes nothing', () => {
    const s = sampleScheme();
    expect(touchedAspectIds(s, { ...s, rule: { ...s.rule, aggregation: 'median' } })).toEqual(['a3', 'b1']);
    const same = applySchemeChange({ ...s, version: 2, frozen: true }, sampleScheme());
    expect(same).toMatchObject({ unchanged: true, remark: [] });
    expect(same.scheme.version).toBe(2);
  });
});

describe('re-marking after a scheme change', () => {
  it('marks given before the version that touched their aspect stop counting', () => {
    const scheme = sampleScheme();
    // b1 was touched by version 3; the judge marked b1 under version 2 and a3 under version 3
    const result = effectiveMarks(scheme, { b1: 3 }, { marks: { a3: 2, b1: 1, gone: 2 }, markedUnder: { a3: 3, b1: 2, gone: 1 } });
    expect(result).toEqual({ values: { a3: 2 }, stale: ['b1'] });
  });
});
