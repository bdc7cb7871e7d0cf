import { eventTypeByName, judgingEventsV1, judgingV1 } from '@digicraft/contracts';
import type { CallContext } from '@digicraft/grpc';
import { NotFoundError } from '@digicraft/errors';
import { createOutboxEntry, outboxFieldsForInsert, type OutboxEntry } from '@digicraft/messaging';
import { JudgingRuleError } from '../domain/errors';
import { changedEntryIds, rankEntries, type Medal } from '../domain/ranking';
import { assertReason } from '../domain/sign-off';
import type { ResultsDoc, StoredStanding } from '../store/documents';
import { verifyTrackLedger } from '../store/ledger-audit';
import { resultsId } from '../store/outcome-store';
import { requireActor, requireChiefOrOrganizer, requireOrganizerOf } from './access';
import type { JudgingDeps } from './judging-deps';

const MEDAL: Record<Medal, judgingEventsV1.Medal> = {
  gold: judgingEventsV1.Medal.MEDAL_GOLD,
  silver: judgingEventsV1.Medal.MEDAL_SILVER,
  bronze: judgingEventsV1.Medal.MEDAL_BRONZE,
  excellence: judgingEventsV1.Medal.MEDAL_EXCELLENCE,
  none: judgingEventsV1.Medal.MEDAL_NONE,
};

function resultsToProto(doc: ResultsDoc): judgingV1.Results {
  return {
    competitionId: doc.competitionId,
    trackId: doc.trackId,
    revision: doc.revision,
    standings: doc.standings.map((s) => ({
      entryId: s.entryId,
      entryCode: s.code,
      rank: s.rank,
      scoreHundredths: s.total,
      standardizedHundredths: Math.round(s.standardized * 100),
      medal: MEDAL[s.medal],
    })),
    publishedAt: doc.publishedAt,
    formula: doc.formula,
    unfinishedEntryIds: doc.unfinished,
  };
}

function eventStandings(standings: readonly StoredStanding[]): judgingEventsV1.ResultStanding[] {
  return standings.map((s) => ({
    entryId: s.entryId,
    registrationId: s.registrationId,
    contestantAccountId: s.contestantAccountId,
    memberAccountIds: s.memberAccountIds,
    rank: s.rank,
    scoreHundredths: s.total,
    maxScoreHundredths: 100_00,
    medal: MEDAL[s.medal],
    standardizedHundredths: Math.round(s.standardized * 100),
  }));
}

/** Publishing and reading results, and verifying the audit ledger. */
export function resultsHandlers(deps: JudgingDeps) {
  return {
    async publishResults(req: judgingV1.PublishResultsRequest, callCtx: CallContext): Promise<judgingV1.PublishResultsResponse> {
      const actor = requireActor(callCtx);
      await requireOrganizerOf(deps, actor, req.competitionId, req.trackId);
      const [scheme, entries, signOffs, previous] = await Promise.all([
        deps.tracks.scheme(req.trackId),
        deps.entries.trackEntries(req.trackId),
        deps.outcomes.signOffsOfTrack(req.trackId),
        deps.outcomes.latestResults(req.trackId),
      ]);
      if (scheme === null) throw new NotFoundError('Marking scheme of track', req.trackId);
      const live = new Map(entries.map((e) => [e._id, e]));
      const signed = signOffs.filter((s) => live.has(s.entryId));
      const signedIds = new Set(signed.map((s) => s.entryId));
      const unfinished = entries.filter((e) => !signedIds.has(e._id)).map((e) => e._id).sort();
      if (unfinished.length > 0 && !req.allowUnfinished) {
        const shown = unfinished.slice(0, 20).join(', ');
        throw new JudgingRuleError('DC_ERR_RESULTS_UNFINISHED', `${unfinished.length} entries are not signed off (${shown}${unfinished.length > 20 ? ', …' : ''}); sign them off or publish explicitly without them`);
      }
      if (previous !== undefined) assertReason(req.revisionReason, 'A revision of published results');
      const ranked = rankEntries(signed.map((s) => ({ entryId: s.entryId, total: s.total, criteria: s.criteria })), scheme.results);
      const standings: StoredStanding[] = ranked.standings.map((s) => {
        const entry = live.get(s.entryId);
        return { ...s, code: entry?.code ?? '', registrationId: s.entryId, contestantAccountId: entry?.contestantAccountId ?? '', memberAccountIds: entry?.memberAccountIds ?? [] };
      });
      const revision = (previous?.revision ?? 0) + 1;
      const changed = previous === undefined ? [] : changedEntryIds(previous.standings, standings);
      if (previous !== undefined && changed.length === 0 && previous.formula === ranked.formula) return { results: resultsToProto(previous) };
      const at = new Date();
      const key = req.competitionId;
      const event: OutboxEntry =
        previous === undefined
          ? createOutboxEntry(eventTypeByName('judging.results-published.v1'), { competitionId: req.competitionId, trackId: req.trackId, revision, standings: eventStandings(standings), publishedByAccountId: actor.id, publishedAt: at, formula: ranked.formula }, { subject: req.trackId, key })
          : createOutboxEntry(
              eventTypeByName('judging.results-revised.v1'),
              { competitionId: req.competitionId, trackId: req.trackId, revision, previousRevision: previous.revision, standings: eventStandings(standings), changedEntryIds: changed, reason: req.revisionReason, revisedByAccountId: actor.id, revisedAt: at, formula: ranked.formula },
              { subject: req.trackId, key },
            );
      const doc: ResultsDoc = {
        _id: resultsId(req.trackId, revision),
        trackId: req.trackId,
        competitionId: req.competitionId,
        revision,
        standings,
        formula: ranked.formula,
        unfinished,
        publishedBy: actor.id,
        publishedAt: at,
        ...(previous === undefined ? {} : { reason: req.revisionReason }),
        ...outboxFieldsForInsert([event]),
      };
      if (!(await deps.outcomes.insertResults(doc))) throw new JudgingRuleError('DC_ERR_STALE_VERSION', 'Results were published meanwhile; reload');
      deps.publish(doc.outbox);
      await deps.ledger.append(req.trackId, [
        { trackId: req.trackId, kind: 'publish', actorId: actor.id, at: at.toISOString(), subject: req.trackId, data: { revision, entries: standings.length, unfinished: unfinished.length, changed, formula: ranked.formula, ...(previous === undefined ? {} : { reason: req.revisionReason }) } },
      ]);
      return { results: resultsToProto(doc) };
    },

    async getResults(req: judgingV1.GetResultsRequest): Promise<judgingV1.GetResultsResponse> {
      const doc = await deps.outcomes.latestResults(req.trackId);
      if (doc === undefined || doc.competitionId !== req.competitionId) throw new NotFoundError('Published results of track', req.trackId);
      return { results: resultsToProto(doc) };
    },

    async verifyLedger(req: judgingV1.VerifyLedgerRequest, callCtx: CallContext): Promise<judgingV1.VerifyLedgerResponse> {
      const actor = requireActor(callCtx);
      await requireChiefOrOrganizer(deps, actor, req.competitionId, req.trackId);
      const result = await verifyTrackLedger(deps.collections, req.trackId);
      return {
        ok: result.ok,
        records: result.records,
        headHash: result.headHash,
        failureSeq: result.failure?.seq ?? 0,
        failureReason: result.failure?.reason ?? '',
        failureDetail: result.failure?.detail ?? '',
      };
    },
  };
}
