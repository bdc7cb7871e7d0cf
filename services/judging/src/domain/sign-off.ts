import { JudgingForbiddenError, JudgingRuleError } from './errors';
import { missingAspectIds, type MarkValues } from './marks';
import { flaggedAspects, unresolvedFlags, type Resolution } from './reconciliation';
import type { SchemeDefinition } from './scheme-types';

export interface SignOffInput {
  readonly chiefJudgeId: string;
  readonly isChiefOfPanel: boolean;
  readonly assignedJudgeIds: readonly string[];
  /** Judges who saved any mark for the entry (a chief who marked it may not sign it). */
  readonly markedByJudgeIds: readonly string[];
  readonly submittedJudgeIds: readonly string[];
  readonly sheets: readonly MarkValues[];
  readonly resolutions: readonly Resolution[];
  readonly scheme: SchemeDefinition;
  readonly alreadySignedOff: boolean;
}

/** Throws the first rule that keeps a chief judge from signing this entry off. */
export function assertCanSignOff(input: SignOffInput): void {
  if (!input.isChiefOfPanel) throw new JudgingForbiddenError('Only a chief judge of this track’s panel can sign entries off');
  if (input.markedByJudgeIds.includes(input.chiefJudgeId) || input.assignedJudgeIds.includes(input.chiefJudgeId)) {
    throw new JudgingForbiddenError('A chief judge cannot sign off an entry they marked or were assigned to');
  }
  if (input.alreadySignedOff) throw new JudgingRuleError('DC_ERR_ALREADY_SIGNED_OFF', 'The entry is already signed off; corrections are new revisions with a reason');
  if (input.assignedJudgeIds.length === 0) throw new JudgingRuleError('DC_ERR_NOT_ASSIGNED', 'The entry has no judges assigned');
  const pending = input.assignedJudgeIds.filter((id) => !input.submittedJudgeIds.includes(id));
  if (pending.length > 0) throw new JudgingRuleError('DC_ERR_MARKS_NOT_SUBMITTED', `Judges ${pending.join(', ')} have not submitted their marks`);
  const incomplete = input.sheets.flatMap((sheet) => missingAspectIds(input.scheme, sheet));
  if (incomplete.length > 0) {
    throw new JudgingRuleError('DC_ERR_REMARK_PENDING', `Aspects ${[...new Set(incomplete)].join(', ')} must be (re-)marked before sign-off`);
  }
  const open = unresolvedFlags(flaggedAspects(input.scheme, input.sheets), input.resolutions);
  if (open.length > 0) {
    const detail = open.map((f) => `${f.aspectId} (${f.explanation})`).join('; ');
    throw new JudgingRuleError('DC_ERR_RECONCILIATION_PENDING', `Re-score or resolve the flagged aspects first: ${detail}`);
  }
}

export function assertReason(reason: string, what: string): void {
  if (reason.trim().length < 5) throw new JudgingRuleError('DC_ERR_REASON_REQUIRED', `${what} needs a written reason (at least 5 characters)`);
}
