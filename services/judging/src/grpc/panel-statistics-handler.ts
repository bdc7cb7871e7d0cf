import type { judgingV1 } from '@digicraft/contracts';
import type { CallContext } from '@digicraft/grpc';
import { NotFoundError } from '@digicraft/errors';
import { panelStatistics, type JudgementScore } from '../domain/panel-statistics';
import type { SchemeDoc, SheetDoc } from '../store/documents';
import { requireActor, requireChiefOrOrganizer } from './access';
import type { JudgingDeps } from './judging-deps';

/**
 * The effective judgement scores of the submitted sheets: a mark counts unless a later scheme
 * version touched its aspect (then it is stale and waits to be re-marked), as in effectiveMarks,
 * with the aspect list computed once for the track instead of once per sheet.
 */
export function judgementScores(scheme: SchemeDoc, sheets: Iterable<SheetDoc>): JudgementScore[] {
  const aspects = scheme.definition.criteria.flatMap((c) => c.aspects).filter((a) => a.kind === 'judgement').map((a) => ({ id: a.id, touchedAt: scheme.touchedAt[a.id] ?? 0 }));
  const scores: JudgementScore[] = [];
  for (const sheet of sheets) {
    if (sheet.status !== 'submitted') continue;
    for (const aspect of aspects) {
      const score = sheet.marks[aspect.id];
      if (score === undefined || (sheet.markedUnder[aspect.id] ?? 0) < aspect.touchedAt) continue;
      scores.push({ judgeId: sheet.judgeId, entryId: sheet.entryId, aspectId: aspect.id, score });
    }
  }
  return scores;
}

/** What the chief judge reads before signing off: per-judge leniency and spread, agreement per aspect. */
export function panelStatisticsHandlers(deps: JudgingDeps) {
  return {
    async getPanelStatistics(req: judgingV1.GetPanelStatisticsRequest, callCtx: CallContext): Promise<judgingV1.GetPanelStatisticsResponse> {
      const actor = requireActor(callCtx);
      await requireChiefOrOrganizer(deps, actor, req.competitionId, req.trackId);
      const scheme = await deps.tracks.scheme(req.trackId);
      if (scheme === null) throw new NotFoundError('Marking scheme of track', req.trackId);
      // The track's sheet index (one scan per process, then this process's writes): re-scanning
      // every sheet of the track on each request was most of the time this took.
      const stats = panelStatistics(judgementScores(scheme, await deps.sheets.latestInTrack(req.trackId)));
      return {
        judges: stats.judges.map((j) => ({ judgeAccountId: j.judgeId, scores: j.scores, mean: j.mean, meanDeviation: j.meanDeviation, spread: j.spread, outlier: j.outlier })),
        aspects: stats.aspects.map((a) => ({ aspectId: a.aspectId, units: a.units, ...(a.alpha === undefined ? {} : { alpha: a.alpha }) })),
      };
    },
  };
}
