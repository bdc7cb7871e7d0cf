import type { judgingV1 } from '@digicraft/contracts';
import type { CallContext } from '@digicraft/grpc';
import { ValidationError } from '@digicraft/errors';
import { JudgingRuleError } from '../domain/errors';
import { assertValidMarks } from '../domain/marks';
import { unresolvedFlags } from '../domain/reconciliation';
import { MAX_JUDGEMENT_SCORE, aspectIndex } from '../domain/scheme-types';
import { assertReason } from '../domain/sign-off';
import type { SheetDoc } from '../store/documents';
import { sheetId } from '../store/sheet-store';
import { requireActor } from './access';
import { checkedOnStoredMarks, chiefContext } from './chief-context';
import type { JudgingDeps } from './judging-deps';
import { panelStatisticsHandlers } from './panel-statistics-handler';
import { entryResult, signOffHandlers, writeSignOff } from './sign-off-handlers';
import { submittedFlags } from './sheet-views';

/** Reconciliation, sign-off, corrections and the chief judge's statistics. */
export function reviewHandlers(deps: JudgingDeps) {
  return {
    ...signOffHandlers(deps),
    ...panelStatisticsHandlers(deps),

    async resolveAspect(req: judgingV1.ResolveAspectRequest, callCtx: CallContext): Promise<judgingV1.ResolveAspectResponse> {
      const actor = requireActor(callCtx);
      const viewed = await chiefContext(deps, actor, req.entryId);
      assertReason(req.reason, 'A resolution');
      if (viewed.signedOff !== undefined) throw new JudgingRuleError('DC_ERR_ENTRY_LOCKED', 'The entry is signed off');
      const ctx = await checkedOnStoredMarks(deps, viewed, (c) => {
        if (!submittedFlags(c.scheme, c.sheets.values()).some((f) => f.aspectId === req.aspectId)) {
          throw new JudgingRuleError('DC_ERR_NOT_FLAGGED', `Aspect ${req.aspectId} is not flagged for this entry`);
        }
      });
      const flags = submittedFlags(ctx.scheme, ctx.sheets.values());
      const aspect = aspectIndex(ctx.scheme.definition).get(req.aspectId)?.aspect;
      const value = aspect?.kind === 'judgement' ? req.value / 100 : req.value;
      const max = aspect?.kind === 'judgement' ? MAX_JUDGEMENT_SCORE : (aspect?.maxMark ?? 0);
      if (!(value >= 0 && value <= max)) throw new ValidationError([{ field: 'value', message: `must be between 0 and ${aspect?.kind === 'judgement' ? '3 (in hundredths: 300)' : max}` }]);
      const at = new Date();
      const added = await deps.outcomes.addResolution({ _id: `${req.entryId}:${req.aspectId}`, entryId: req.entryId, trackId: ctx.assignment.trackId, aspectId: req.aspectId, value, reason: req.reason, chiefJudgeId: actor.id, at });
      if (!added) throw new JudgingRuleError('DC_ERR_ALREADY_RESOLVED', `Aspect ${req.aspectId} is already resolved`);
      await deps.ledger.append(ctx.assignment.trackId, [
        { trackId: ctx.assignment.trackId, kind: 'resolution', actorId: actor.id, at: at.toISOString(), subject: req.entryId, data: { aspectId: req.aspectId, value, reason: req.reason } },
      ]);
      const open = unresolvedFlags(flags, [...ctx.resolutions, { aspectId: req.aspectId, value, reason: req.reason, chiefJudgeId: actor.id }]);
      return { openFlagAspectIds: open.map((f) => f.aspectId) };
    },

    async correctEntry(req: judgingV1.CorrectEntryRequest, callCtx: CallContext): Promise<judgingV1.CorrectEntryResponse> {
      const actor = requireActor(callCtx);
      const ctx = await chiefContext(deps, actor, req.entryId);
      assertReason(req.reason, 'A correction');
      const previous = ctx.signedOff;
      if (previous === undefined) throw new JudgingRuleError('DC_ERR_NOT_SIGNED_OFF', 'Only a signed-off entry is corrected; before that, judges change their own marks');
      if (req.corrections.length === 0) throw new ValidationError([{ field: 'corrections', message: 'at least one correction is required' }]);
      const byJudge = new Map<string, { aspectId: string; value: number }[]>();
      for (const c of req.corrections) {
        if (!ctx.assignment.judgeIds.includes(c.judgeAccountId)) throw new ValidationError([{ field: 'corrections.judgeAccountId', message: `${c.judgeAccountId} is not assigned to this entry` }]);
        byJudge.set(c.judgeAccountId, [...(byJudge.get(c.judgeAccountId) ?? []), { aspectId: c.aspectId, value: c.value }]);
      }
      const at = new Date();
      const drafts = [];
      for (const [judgeId, marks] of byJudge) {
        assertValidMarks(ctx.scheme.definition, marks);
        const current = ctx.sheets.get(judgeId);
        const version = (current?.version ?? 0) + 1;
        const next: SheetDoc = {
          _id: sheetId(req.entryId, judgeId, version),
          entryId: req.entryId,
          judgeId,
          trackId: ctx.assignment.trackId,
          version,
          schemeVersion: ctx.scheme.version,
          marks: { ...(current?.marks ?? {}), ...Object.fromEntries(marks.map((m) => [m.aspectId, m.value])) },
          comments: current?.comments ?? {},
          markedUnder: { ...(current?.markedUnder ?? {}), ...Object.fromEntries(marks.map((m) => [m.aspectId, ctx.scheme.version])) },
          status: 'submitted',
          ...(current?.submittedAt ? { submittedAt: current.submittedAt } : {}),
          origin: 'correction',
          at,
        };
        // A clash means this process's view was behind: the insert re-read the sheet, a retry works.
        if (!(await deps.sheets.insert(next))) throw new JudgingRuleError('DC_ERR_STALE_VERSION', 'The marks changed meanwhile; reload and retry');
        ctx.sheets.set(judgeId, next);
        drafts.push({ trackId: ctx.assignment.trackId, kind: 'correction' as const, actorId: actor.id, at: at.toISOString(), subject: req.entryId, data: { sheetId: next._id, judgeId, version, status: next.status, schemeVersion: next.schemeVersion, marks: next.marks, reason: req.reason } });
      }
      const written = await writeSignOff(deps, actor, ctx, previous.revision + 1, req.reason);
      if ('existing' in written) {
        // The corrected sheets are stored all the same: the ledger records them before refusing.
        if (drafts.length > 0) await deps.ledger.append(ctx.assignment.trackId, drafts);
        throw new JudgingRuleError('DC_ERR_STALE_VERSION', `Revision ${previous.revision + 1} of this entry was written meanwhile; reload and retry`);
      }
      const doc = written.doc;
      drafts.push({ trackId: ctx.assignment.trackId, kind: 'correction' as const, actorId: actor.id, at: at.toISOString(), subject: req.entryId, data: { revision: doc.revision, total: doc.total, previousTotal: previous.total, reason: req.reason } });
      await deps.ledger.append(ctx.assignment.trackId, drafts);
      return { result: entryResult(doc) };
    },
  };
}
