import { judgingV1 } from '@digicraft/contracts';
import type { CallContext } from '@digicraft/grpc';
import { NotFoundError } from '@digicraft/errors';
import { JudgingRuleError, StaleVersionError } from '../domain/errors';
import { assertValidMarks, missingAspectIds } from '../domain/marks';
import type { EntryAssignmentDoc, SchemeDoc, SheetDoc } from '../store/documents';
import { sheetId } from '../store/sheet-store';
import { hasRole, requireActor, type KnownActor } from './access';
import { assignmentPageSize, decodeAssignmentCursor, pageOfAssignments } from './assignment-page';
import type { JudgingDeps } from './judging-deps';
import { assignmentStatusOf, effective, entrySheets, sheetToProto, submittedFlags } from './sheet-views';

interface MarkingContext {
  readonly assignment: EntryAssignmentDoc;
  readonly scheme: SchemeDoc;
  readonly current: SheetDoc | undefined;
}

function sameRecord(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (a[k] !== b[k]) return false;
  return true;
}

/** A judge sees only entries assigned to them; anything else looks like it does not exist. */
async function markingContext(deps: JudgingDeps, actor: KnownActor, entryId: string): Promise<MarkingContext> {
  const assignment = hasRole(actor, 'judge') ? await deps.entries.assignment(entryId) : null;
  if (assignment === null || !assignment.judgeIds.includes(actor.id)) throw new NotFoundError('Assignment of entry', entryId);
  // Memory lookups once the track is loaded: a save asks the store nothing before its insert.
  const [scheme, current, signedOff] = await Promise.all([
    deps.tracks.scheme(assignment.trackId),
    deps.sheets.currentInTrack(assignment.trackId, entryId, actor.id),
    deps.outcomes.isSignedOff(assignment.trackId, entryId),
  ]);
  if (scheme === null) throw new NotFoundError('Marking scheme of track', assignment.trackId);
  if (signedOff) throw new JudgingRuleError('DC_ERR_ENTRY_LOCKED', 'The entry is signed off; only a chief judge can correct it, as a new revision');
  return { assignment, scheme, current };
}

/**
 * Aspects a judge may still change after submitting: those to re-mark and those flagged for
 * re-scoring. From this process's sheet index unless `exact` (reads the store: used only before
 * refusing a change, in case another instance saved sheets this index has not seen).
 */
async function reopenedAspects(deps: JudgingDeps, ctx: MarkingContext, exact = false): Promise<Set<string>> {
  const sheets = await entrySheets(deps, ctx.assignment, exact ? 'store' : 'view');
  return new Set([...effective(ctx.scheme, ctx.current).stale, ...submittedFlags(ctx.scheme, sheets.values()).map((f) => f.aspectId)]);
}

/** Enter, auto-save and submit marks. */
export function markingHandlers(deps: JudgingDeps) {
  async function writeSheet(actor: KnownActor, ctx: MarkingContext, next: Omit<SheetDoc, '_id' | 'version' | 'at'>, kind: 'marks' | 'submit'): Promise<SheetDoc> {
    const version = (ctx.current?.version ?? 0) + 1;
    const doc: SheetDoc = { ...next, _id: sheetId(next.entryId, next.judgeId, version), version, at: new Date() };
    if (!(await deps.sheets.insert(doc))) {
      // Someone (usually this judge's other tab, or a retried request) saved first: fine if it is the same.
      const now = await deps.sheets.current(next.entryId, next.judgeId);
      if (now !== undefined && sameRecord(now.marks, doc.marks) && now.status === doc.status) return now;
      throw new StaleVersionError('The mark sheet', version - 1, now?.version ?? 0);
    }
    await deps.ledger.append(ctx.assignment.trackId, [
      { trackId: ctx.assignment.trackId, kind, actorId: actor.id, at: doc.at.toISOString(), subject: doc.entryId, data: { sheetId: doc._id, judgeId: doc.judgeId, version, status: doc.status, schemeVersion: doc.schemeVersion, marks: doc.marks } },
    ]);
    return doc;
  }

  async function view(ctx: MarkingContext, sheet: SheetDoc | undefined, actorId: string): Promise<judgingV1.MarkSheet> {
    const flagged = sheet?.status === 'submitted' ? [...(await reopenedAspects(deps, { ...ctx, current: sheet }))] : [];
    return sheetToProto(sheet, ctx.assignment._id, actorId, ctx.assignment.code, ctx.scheme, flagged, false);
  }

  return {
    async listMyAssignments(req: judgingV1.ListMyAssignmentsRequest, callCtx: CallContext): Promise<judgingV1.ListMyAssignmentsResponse> {
      const actor = requireActor(callCtx);
      const size = assignmentPageSize(req.page?.pageSize ?? 0);
      const after = decodeAssignmentCursor(req.page?.cursor ?? '');
      if (!hasRole(actor, 'judge')) return { assignments: [], page: { nextCursor: '' } };
      const docs = req.trackId
        ? [await deps.entries.judgeAssignments(req.trackId, actor.id)].filter((d) => d !== null)
        : await deps.entries.judgeAssignmentsEverywhere(actor.id);
      const rows = docs
        .filter((doc) => !req.competitionId || doc.competitionId === req.competitionId)
        .flatMap((doc) => doc.entries.map(({ entryId, code }) => ({ trackId: doc.trackId, competitionId: doc.competitionId, entryId, code })));
      const page = pageOfAssignments(rows, after, size);
      // Status and re-mark aspects only for the page's rows (memory lookups once a track is loaded).
      const assignments = await Promise.all(
        page.items.map(async ({ trackId, competitionId, entryId, code }): Promise<judgingV1.Assignment> => {
          const [scheme, sheet, signedOff] = await Promise.all([deps.tracks.scheme(trackId), deps.sheets.currentInTrack(trackId, entryId, actor.id), deps.outcomes.isSignedOff(trackId, entryId)]);
          const remark = scheme === null ? [] : effective(scheme, sheet).stale;
          return { entryId, competitionId, trackId, judgeAccountId: actor.id, entryCode: code, status: assignmentStatusOf(sheet, signedOff), schemeVersion: scheme?.version ?? 0, remarkAspectIds: remark };
        }),
      );
      return { assignments, page: { nextCursor: page.next ?? '' } };
    },

    async getMarkSheet(req: judgingV1.GetMarkSheetRequest, callCtx: CallContext): Promise<judgingV1.GetMarkSheetResponse> {
      const actor = requireActor(callCtx);
      const ctx = await markingContext(deps, actor, req.entryId);
      return { sheet: await view(ctx, ctx.current, actor.id) };
    },

    async saveMarks(req: judgingV1.SaveMarksRequest, callCtx: CallContext): Promise<judgingV1.SaveMarksResponse> {
      const actor = requireActor(callCtx);
      const ctx = await markingContext(deps, actor, req.entryId);
      const { scheme, current } = ctx;
      const marks = req.marks.map((m) => ({ aspectId: m.aspectId, value: m.value, ...(m.comment ? { comment: m.comment } : {}) }));
      assertValidMarks(scheme.definition, marks);
      const merged: Record<string, number> = { ...(current?.marks ?? {}) };
      const comments: Record<string, string> = { ...(current?.comments ?? {}) };
      const markedUnder: Record<string, number> = { ...(current?.markedUnder ?? {}) };
      const stale = new Set(effective(scheme, current).stale);
      let changed = false;
      for (const m of marks) {
        if (merged[m.aspectId] !== m.value || stale.has(m.aspectId)) changed = true;
        if ((comments[m.aspectId] ?? '') !== (m.comment ?? '')) changed = true;
        merged[m.aspectId] = m.value;
        markedUnder[m.aspectId] = scheme.version;
        if (m.comment) comments[m.aspectId] = m.comment;
        else delete comments[m.aspectId];
      }
      // Auto-save sends the same page again and again: an unchanged save is answered, not stored.
      if (!changed && current !== undefined) return { sheet: await view(ctx, current, actor.id) };
      const currentVersion = current?.version ?? 0;
      if (req.expectedVersion !== 0 && Number(req.expectedVersion) !== currentVersion) throw new StaleVersionError('The mark sheet', Number(req.expectedVersion), currentVersion);
      if (current?.status === 'submitted') {
        const lockedIn = (reopened: Set<string>): string[] => marks.filter((m) => !reopened.has(m.aspectId) && current.marks[m.aspectId] !== m.value).map((m) => m.aspectId);
        let locked = lockedIn(await reopenedAspects(deps, ctx));
        if (locked.length > 0) locked = lockedIn(await reopenedAspects(deps, ctx, true));
        if (locked.length > 0) throw new JudgingRuleError('DC_ERR_MARKS_LOCKED', `Submitted marks are locked; only flagged or re-mark aspects can change (not ${locked.join(', ')})`);
      }
      if (!scheme.frozen) await deps.tracks.freeze(scheme._id);
      const sheet = await writeSheet(actor, ctx, {
        entryId: req.entryId,
        judgeId: actor.id,
        trackId: ctx.assignment.trackId,
        schemeVersion: scheme.version,
        marks: merged,
        comments,
        markedUnder,
        status: current?.status ?? 'draft',
        ...(current?.submittedAt ? { submittedAt: current.submittedAt } : {}),
        origin: 'judge',
      }, 'marks');
      return { sheet: await view(ctx, sheet, actor.id) };
    },

    async submitMarks(req: judgingV1.SubmitMarksRequest, callCtx: CallContext): Promise<judgingV1.SubmitMarksResponse> {
      const actor = requireActor(callCtx);
      const ctx = await markingContext(deps, actor, req.entryId);
      const { scheme, current } = ctx;
      if (current === undefined) throw new JudgingRuleError('DC_ERR_MARKS_INCOMPLETE', 'Nothing to submit: no marks saved yet');
      const { values, stale } = effective(scheme, current);
      if (current.status === 'submitted' && stale.length === 0) return { sheet: await view(ctx, current, actor.id) };
      if (req.expectedVersion !== 0 && Number(req.expectedVersion) !== current.version) throw new StaleVersionError('The mark sheet', Number(req.expectedVersion), current.version);
      const missing = missingAspectIds(scheme.definition, values);
      if (missing.length > 0) throw new JudgingRuleError('DC_ERR_MARKS_INCOMPLETE', `Mark every aspect before submitting; missing or to re-mark: ${missing.join(', ')}`);
      const sheet = await writeSheet(actor, ctx, { ...current, status: 'submitted', submittedAt: new Date(), origin: 'judge' }, 'submit');
      return { sheet: await view(ctx, sheet, actor.id) };
    },
  };
}
