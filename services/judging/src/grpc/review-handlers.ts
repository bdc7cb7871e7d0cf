import { eventTypeByName, type judgingV1 } from '@digicraft/contracts';
import type { CallContext } from '@digicraft/grpc';
import { NotFoundError, ValidationError } from '@digicraft/errors';
import { createOutboxEntry, outboxFieldsForInsert } from '@digicraft/messaging';
import { scoreEntry } from '../domain/entry-scoring';
import { JudgingForbiddenError, JudgingRuleError } from '../domain/errors';
import { assertValidMarks } from '../domain/marks';
import { panelStatistics, type JudgementScore } from '../domain/panel-statistics';
import { unresolvedFlags, type Resolution } from '../domain/reconciliation';
import { MAX_JUDGEMENT_SCORE, aspectIndex } from '../domain/scheme-types';
import { assertCanSignOff, assertReason } from '../domain/sign-off';
import type { EntryAssignmentDoc, PanelDoc, SchemeDoc, SheetDoc, SignOffDoc } from '../store/documents';
import { signOffId } from '../store/outcome-store';
import { sheetId } from '../store/sheet-store';
import { isChiefOf, requireActor, requireChiefOrOrganizer, type KnownActor } from './access';
import type { JudgingDeps } from './judging-deps';
import { effective, entrySheets, submittedFlags } from './sheet-views';

interface ChiefContext {
  readonly assignment: EntryAssignmentDoc;
  readonly scheme: SchemeDoc;
  readonly panel: PanelDoc | null;
  readonly sheets: Map<string, SheetDoc | undefined>;
  readonly resolutions: Resolution[];
}

async function chiefContext(deps: JudgingDeps, actor: KnownActor, entryId: string): Promise<ChiefContext> {
  const assignment = await deps.entries.assignment(entryId);
  if (assignment === null) throw new NotFoundError('Assigned entry', entryId);
  const [scheme, panel, sheets, resolutions] = await Promise.all([
    deps.tracks.scheme(assignment.trackId),
    deps.tracks.panel(assignment.trackId),
    entrySheets(deps, entryId, assignment.judgeIds),
    deps.outcomes.resolutions(entryId),
  ]);
  if (!isChiefOf(panel, actor)) throw new JudgingForbiddenError('Only a chief judge of this track’s panel can do this');
  if (assignment.judgeIds.includes(actor.id) || (await deps.sheets.current(entryId, actor.id)) !== undefined) {
    throw new JudgingForbiddenError('A chief judge cannot review an entry they marked or were assigned to');
  }
  if (scheme === null) throw new NotFoundError('Marking scheme of track', assignment.trackId);
  return { assignment, scheme, panel, sheets, resolutions: resolutions.map((r) => ({ aspectId: r.aspectId, value: r.value, reason: r.reason, chiefJudgeId: r.chiefJudgeId })) };
}

function entryResult(doc: SignOffDoc): judgingV1.EntryResult {
  return { entryId: doc.entryId, competitionId: doc.competitionId, trackId: doc.trackId, scoreHundredths: doc.total, chiefJudgeAccountId: doc.chiefJudgeId, signedOffAt: doc.at, revision: doc.revision };
}

/** Reconciliation, sign-off, corrections and the chief judge's statistics. */
export function reviewHandlers(deps: JudgingDeps) {
  async function writeSignOff(actor: KnownActor, ctx: ChiefContext, revision: number, reason: string | undefined): Promise<SignOffDoc> {
    const values = [...ctx.sheets.values()].map((s) => effective(ctx.scheme, s).values);
    const score = scoreEntry(ctx.scheme.definition, values, ctx.resolutions);
    const entry = await deps.entries.entry(ctx.assignment._id);
    const at = new Date();
    const event = createOutboxEntry(
      eventTypeByName('judging.entry-signed-off.v1'),
      {
        entryId: ctx.assignment._id,
        registrationId: ctx.assignment._id,
        competitionId: ctx.assignment.competitionId,
        trackId: ctx.assignment.trackId,
        scoreHundredths: score.total,
        maxScoreHundredths: 100_00,
        chiefJudgeAccountId: actor.id,
        signedOffAt: at,
        version: revision,
      },
      { subject: ctx.assignment._id, key: ctx.assignment.competitionId },
    );
    const doc: SignOffDoc = {
      _id: signOffId(ctx.assignment._id, revision),
      entryId: ctx.assignment._id,
      trackId: ctx.assignment.trackId,
      competitionId: entry?.competitionId ?? ctx.assignment.competitionId,
      revision,
      total: score.total,
      criteria: score.criteria,
      chiefJudgeId: actor.id,
      ...(reason === undefined ? {} : { reason }),
      at,
      ...outboxFieldsForInsert([event]),
    };
    if (!(await deps.outcomes.insertSignOff(doc))) throw new JudgingRuleError('DC_ERR_ALREADY_SIGNED_OFF', 'Another sign-off of this revision landed first; reload');
    deps.publish(doc.outbox);
    return doc;
  }

  return {
    async resolveAspect(req: judgingV1.ResolveAspectRequest, callCtx: CallContext): Promise<judgingV1.ResolveAspectResponse> {
      const actor = requireActor(callCtx);
      const ctx = await chiefContext(deps, actor, req.entryId);
      assertReason(req.reason, 'A resolution');
      if ((await deps.outcomes.latestSignOff(req.entryId)) !== undefined) throw new JudgingRuleError('DC_ERR_ENTRY_LOCKED', 'The entry is signed off');
      const flags = submittedFlags(ctx.scheme, ctx.sheets.values());
      if (!flags.some((f) => f.aspectId === req.aspectId)) throw new JudgingRuleError('DC_ERR_NOT_FLAGGED', `Aspect ${req.aspectId} is not flagged for this entry`);
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

    async signOff(req: judgingV1.SignOffRequest, callCtx: CallContext): Promise<judgingV1.SignOffResponse> {
      const actor = requireActor(callCtx);
      const ctx = await chiefContext(deps, actor, req.entryId);
      const existing = await deps.outcomes.latestSignOff(req.entryId);
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
        alreadySignedOff: existing !== undefined,
      });
      const doc = await writeSignOff(actor, ctx, 1, undefined);
      await deps.ledger.append(ctx.assignment.trackId, [
        { trackId: ctx.assignment.trackId, kind: 'sign-off', actorId: actor.id, at: doc.at.toISOString(), subject: req.entryId, data: { revision: 1, total: doc.total } },
      ]);
      return { result: entryResult(doc) };
    },

    async correctEntry(req: judgingV1.CorrectEntryRequest, callCtx: CallContext): Promise<judgingV1.CorrectEntryResponse> {
      const actor = requireActor(callCtx);
      const ctx = await chiefContext(deps, actor, req.entryId);
      assertReason(req.reason, 'A correction');
      const previous = await deps.outcomes.latestSignOff(req.entryId);
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
        if (!(await deps.sheets.insert(next))) throw new JudgingRuleError('DC_ERR_STALE_VERSION', 'The marks changed meanwhile; reload and retry');
        ctx.sheets.set(judgeId, next);
        drafts.push({ trackId: ctx.assignment.trackId, kind: 'correction' as const, actorId: actor.id, at: at.toISOString(), subject: req.entryId, data: { sheetId: next._id, judgeId, version, status: next.status, schemeVersion: next.schemeVersion, marks: next.marks, reason: req.reason } });
      }
      const doc = await writeSignOff(actor, ctx, previous.revision + 1, req.reason);
      drafts.push({ trackId: ctx.assignment.trackId, kind: 'correction' as const, actorId: actor.id, at: at.toISOString(), subject: req.entryId, data: { revision: doc.revision, total: doc.total, previousTotal: previous.total, reason: req.reason } });
      await deps.ledger.append(ctx.assignment.trackId, drafts);
      return { result: entryResult(doc) };
    },

    async getPanelStatistics(req: judgingV1.GetPanelStatisticsRequest, callCtx: CallContext): Promise<judgingV1.GetPanelStatisticsResponse> {
      const actor = requireActor(callCtx);
      await requireChiefOrOrganizer(deps, actor, req.competitionId, req.trackId);
      const scheme = await deps.tracks.scheme(req.trackId);
      if (scheme === null) throw new NotFoundError('Marking scheme of track', req.trackId);
      const judgementIds = new Set(scheme.definition.criteria.flatMap((c) => c.aspects).filter((a) => a.kind === 'judgement').map((a) => a.id));
      const scores: JudgementScore[] = [];
      for (const sheet of await deps.sheets.latestOfTrack(req.trackId)) {
        if (sheet.status !== 'submitted') continue;
        for (const [aspectId, score] of Object.entries(effective(scheme, sheet).values)) {
          if (judgementIds.has(aspectId)) scores.push({ judgeId: sheet.judgeId, entryId: sheet.entryId, aspectId, score });
        }
      }
      const stats = panelStatistics(scores);
      return {
        judges: stats.judges.map((j) => ({ judgeAccountId: j.judgeId, scores: j.scores, mean: j.mean, meanDeviation: j.meanDeviation, spread: j.spread, outlier: j.outlier })),
        aspects: stats.aspects.map((a) => ({ aspectId: a.aspectId, units: a.units, ...(a.alpha === undefined ? {} : { alpha: a.alpha }) })),
      };
    },
  };
}
