import { eventTypeByName, type judgingV1 } from '@digicraft/contracts';
import type { CallContext } from '@digicraft/grpc';
import { createOutboxEntry, outboxFieldsForInsert } from '@digicraft/messaging';
import { scoreEntry } from '../domain/entry-scoring';
import { JudgingRuleError } from '../domain/errors';
import { assertCanSignOff } from '../domain/sign-off';
import type { SignOffDoc } from '../store/documents';
import { signOffId, type SignOffRecord } from '../store/outcome-store';
import { requireActor, type KnownActor } from './access';
import { checkedOnStoredMarks, chiefContext, type ChiefContext } from './chief-context';
import type { JudgingDeps } from './judging-deps';
import { effective } from './sheet-views';

export function entryResult(doc: SignOffRecord): judgingV1.EntryResult {
  return { entryId: doc.entryId, competitionId: doc.competitionId, trackId: doc.trackId, scoreHundredths: doc.total, chiefJudgeAccountId: doc.chiefJudgeId, signedOffAt: doc.at, revision: doc.revision };
}

/** A first sign-off by this chief that nothing has changed since: what a retry of it answers. */
function isOriginalOf(actor: KnownActor, doc: SignOffRecord): boolean {
  return doc.revision === 1 && doc.chiefJudgeId === actor.id;
}

function alreadySignedOff(doc: SignOffRecord): JudgingRuleError {
  if (doc.revision > 1) return new JudgingRuleError('DC_ERR_ALREADY_SIGNED_OFF', `The entry is signed off and was corrected since (revision ${doc.revision}); corrections are new revisions with a reason`);
  return new JudgingRuleError('DC_ERR_ALREADY_SIGNED_OFF', 'The entry is already signed off by another chief judge; corrections are new revisions with a reason');
}

function assertSignable(actor: KnownActor, ctx: ChiefContext): void {
  const sheets = [...ctx.sheets.entries()];
  assertCanSignOff({
    chiefJudgeId: actor.id,
    isChiefOfPanel: true,
    assignedJudgeIds: ctx.assignment.judgeIds,
    markedByJudgeIds: sheets.filter(([, s]) => s !== undefined).map(([id]) => id),
    submittedJudgeIds: sheets.filter(([, s]) => s?.status === 'submitted').map(([id]) => id),
    sheets: sheets.map(([, s]) => effective(ctx.scheme, s).values),
    resolutions: ctx.resolutions,
    scheme: ctx.scheme.definition,
    alreadySignedOff: false,
  });
}

/** Writes a sign-off revision (the entry's score from the context's marks) with its event in the same insert. */
export async function writeSignOff(deps: JudgingDeps, actor: KnownActor, ctx: ChiefContext, revision: number, reason: string | undefined): Promise<{ doc: SignOffDoc } | { existing: SignOffRecord | undefined }> {
  const values = [...ctx.sheets.values()].map((s) => effective(ctx.scheme, s).values);
  const score = scoreEntry(ctx.scheme.definition, values, ctx.resolutions);
  const { _id: entryId, trackId, competitionId } = ctx.assignment;
  const at = new Date();
  const event = createOutboxEntry(
    eventTypeByName('judging.entry-signed-off.v1'),
    { entryId, registrationId: entryId, competitionId, trackId, scoreHundredths: score.total, maxScoreHundredths: 100_00, chiefJudgeAccountId: actor.id, signedOffAt: at, version: revision },
    { subject: entryId, key: competitionId },
  );
  const doc: SignOffDoc = {
    _id: signOffId(entryId, revision),
    entryId,
    trackId,
    competitionId,
    revision,
    total: score.total,
    criteria: score.criteria,
    chiefJudgeId: actor.id,
    ...(reason === undefined ? {} : { reason }),
    at,
    ...outboxFieldsForInsert([event]),
  };
  const written = await deps.outcomes.insertSignOff(doc);
  if (!written.inserted) return { existing: written.existing };
  deps.publish(doc.outbox);
  return { doc };
}

/**
 * A chief judge signs an entry off (revision 1), which locks it. Idempotent for its caller: a
 * repeat by the same chief while nothing changed since (a retry after a timeout or a 503, or two
 * tabs) answers the original result; anyone else, or after a correction, gets the precise refusal.
 */
export function signOffHandlers(deps: JudgingDeps) {

  async function answerOriginal(actor: KnownActor, doc: SignOffRecord): Promise<judgingV1.SignOffResponse> {
    if (!isOriginalOf(actor, doc)) throw alreadySignedOff(doc);
    await deps.signOffAudit.ensureRecorded(doc);
    return { result: entryResult(doc) };
  }

  return {
    async signOff(req: judgingV1.SignOffRequest, callCtx: CallContext): Promise<judgingV1.SignOffResponse> {
      const actor = requireActor(callCtx);
      const viewed = await chiefContext(deps, actor, req.entryId);
      if (viewed.signedOff !== undefined) return answerOriginal(actor, viewed.signedOff);
      const ctx = await checkedOnStoredMarks(deps, viewed, (c) => assertSignable(actor, c));
      const written = await writeSignOff(deps, actor, ctx, 1, undefined);
      if ('existing' in written) {
        // Another attempt landed first: this chief's own (a concurrent retry) is answered as such.
        if (written.existing === undefined) throw new JudgingRuleError('DC_ERR_ALREADY_SIGNED_OFF', 'Another sign-off of this entry landed first; reload');
        return answerOriginal(actor, written.existing);
      }
      await deps.signOffAudit.record(written.doc);
      return { result: entryResult(written.doc) };
    },
  };
}
