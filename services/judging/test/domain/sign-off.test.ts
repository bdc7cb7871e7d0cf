import { assertCanSignOff, type SignOffInput } from '../../src/domain/sign-off';
import { sampleScheme } from './scheme-fixture';

const full = { a1: 1000, a2: 1, a3: 2 };

function input(extra: Partial<SignOffInput> = {}): SignOffInput {
  return {
    chiefJudgeId: 'chief',
    isChiefOfPanel: true,
    assignedJudgeIds: ['j1', 'j2'],
    markedByJudgeIds: ['j1', 'j2'],
    submittedJudgeIds: ['j1', 'j2'],
    sheets: [{ ...full, b1: 2 }, { ...full, b1: 3 }],
    resolutions: [],
    scheme: sampleScheme(),
    alreadySignedOff: false,
    ...extra,
  };
}

describe('sign-off rules', () => {
  it('a chief judge who did not mark the entry signs off a complete, reconciled entry', () => {
    expect(() => assertCanSignOff(input())).not.toThrow();
  });

  it('refuses a chief judge who marked the entry, and a judge who is not chief', () => {
    expect(() => assertCanSignOff(input({ chiefJudgeId: 'j1' }))).toThrow(expect.objectContaining({ code: 'DC_ERR_JUDGING_FORBIDDEN' }));
    expect(() => assertCanSignOff(input({ isChiefOfPanel: false }))).toThrow(expect.objectContaining({ kind: 'permission-denied' }));
  });

  it('waits for every assigned judge to submit and for re-marking after a scheme change', () => {
    expect(() => assertCanSignOff(input({ submittedJudgeIds: ['j1'] }))).toThrow('Judges j2 have not submitted their marks');
    expect(() => assertCanSignOff(input({ sheets: [full, { ...full, b1: 3 }] }))).toThrow(expect.objectContaining({ code: 'DC_ERR_REMARK_PENDING' }));
  });

  it('blocks on a flagged aspect until re-scored or resolved with a reason', () => {
    const flagged = input({ sheets: [{ ...full, b1: 0 }, { ...full, b1: 3 }] });
    expect(() => assertCanSignOff(flagged)).toThrow(expect.objectContaining({ code: 'DC_ERR_RECONCILIATION_PENDING' }));
    const resolved = { ...flagged, resolutions: [{ aspectId: 'b1', value: 2, reason: 'reviewed the recording', chiefJudgeId: 'chief' }] };
    expect(() => assertCanSignOff(resolved)).not.toThrow();
  });

  it('an entry already signed off cannot be signed again', () => {
    expect(() => assertCanSignOff(input({ alreadySignedOff: true }))).toThrow(expect.objectContaining({ code: 'DC_ERR_ALREADY_SIGNED_OFF' }));
  });
});
