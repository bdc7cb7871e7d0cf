import { generateAssignments } from '../../src/domain/assignment-generator';
import { conflictsOf, type EntryProfile, type JudgeProfile } from '../../src/domain/conflicts';

function judge(id: string, extra: Partial<JudgeProfile> = {}): JudgeProfile {
  return { id, chief: false, links: [], ...extra };
}

function entry(id: string, extra: Partial<EntryProfile> = {}): EntryProfile {
  return { id, code: `C-${id}`, memberAccountIds: [`acct-${id}`], ...extra };
}

describe('conflicts of interest', () => {
  it('explains same institution, same province, employer and declared links', () => {
    const j = judge('j1', {
      institution: 'Zhejiang Polytechnic',
      province: 'ZJ',
      employer: 'Hangzhou Tech College',
      links: [{ accountId: 'acct-e1', relation: 'trainer' }],
    });
    expect(conflictsOf(j, entry('e1', { institution: 'zhejiang polytechnic', province: 'ZJ' }))).toEqual([
      'same institution "zhejiang polytechnic"',
      'same province "ZJ"',
      'declared trainer link with team member acct-e1',
    ]);
    expect(conflictsOf(j, entry('e2', { institution: 'Hangzhou Tech College', province: 'JS' }))).toEqual([
      'employed by the contestant\'s institution "Hangzhou Tech College"',
    ]);
    expect(conflictsOf(j, entry('e3', { province: 'GD' }))).toEqual([]);
  });
});

describe('assignment generator', () => {
  it('gives every entry N conflict-free judges and balances the load within one', () => {
    const judges = ['j1', 'j2', 'j3', 'j4', 'j5'].map((id) => judge(id));
    const entries = Array.from({ length: 10 }, (_, i) => entry(`e${i}`));
    const plan = generateAssignments({ judges, entries, judgesPerEntry: 3 });
    expect(plan.uncovered).toEqual([]);
    for (const e of entries) expect(plan.assignments.get(e.id)).toHaveLength(3);
    // 10 entries × 3 judges = 30 slots over 5 judges → exactly 6 each
    expect([...plan.load.values()]).toEqual([6, 6, 6, 6, 6]);
  });

  it('never assigns a conflicted judge, serves constrained entries first and explains each exclusion', () => {
    const judges = [judge('j1', { province: 'ZJ' }), judge('j2', { province: 'ZJ' }), judge('j3', { province: 'JS' }), judge('j4', { province: 'GD' })];
    const entries = [entry('e1', { province: 'ZJ' }), entry('e2', { province: 'JS' }), entry('e3', { province: 'SC' })];
    const plan = generateAssignments({ judges, entries, judgesPerEntry: 2 });
    // e1 can only have j3, j4 (j1, j2 same province); e2 cannot have j3
    expect(plan.assignments.get('e1')).toEqual(['j3', 'j4']);
    expect(plan.assignments.get('e2')).not.toContain('j3');
    expect(plan.exclusions).toContainEqual({ entryId: 'e1', judgeId: 'j1', reasons: ['same province "ZJ"'] });
    expect(plan.exclusions).toContainEqual({ entryId: 'e2', judgeId: 'j3', reasons: ['same province "JS"'] });
    const loads = [...plan.load.values()];
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
  });

  it('reports an entry that cannot be covered and why, and keeps chief judges free', () => {
    const judges = [judge('chief', { chief: true }), judge('j1', { institution: 'A' }), judge('j2')];
    const plan = generateAssignments({ judges, entries: [entry('e1', { institution: 'A' })], judgesPerEntry: 2 });
    expect(plan.assignments.has('e1')).toBe(false);
    expect(plan.uncovered).toEqual([
      {
        entryId: 'e1',
        needed: 2,
        available: 1,
        explanation: 'needs 2 conflict-free judges but only 1 of 2 are free (excluded: j1: same institution "A")',
      },
    ]);
    expect(plan.load.has('chief')).toBe(false);
  });

  it('keeps pairs that already carry marks and counts them in the load', () => {
    const judges = ['j1', 'j2', 'j3'].map((id) => judge(id));
    const plan = generateAssignments({
      judges,
      entries: [entry('e1'), entry('e2')],
      judgesPerEntry: 1,
      kept: new Map([['e1', ['j1']]]),
    });
    expect(plan.assignments.get('e1')).toEqual(['j1']);
    expect(plan.assignments.get('e2')).toEqual(['j2']);
  });
});
