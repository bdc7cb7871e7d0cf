import type { judgingV1 } from '@digicraft/contracts';
import type { CallContext } from '@digicraft/grpc';
import { NotFoundError } from '@digicraft/errors';
import { panelStatistics, type JudgementScore } from '../domain/panel-statistics';
import type { SchemeDoc, SheetDoc } from '../store/documents';
import { requireActor, requireChiefOrOrganizer } from './access';
import type { JudgingDeps } from './judging-deps';
import { effective } from './sheet-views';

/** The judgement scores of the submitted sheets that still count (stale marks wait to be re-marked). */
function judgementScores(scheme: SchemeDoc, sheets: Iterable<SheetDoc>): JudgementScore[] {
  const judgementIds = scheme.definition.criteria.flatMap((c) => c.aspects).filter((a) => a.kind === 'judgement').map((a) => a.id);
  const scores: JudgementScore[] = [];
  for (const sheet of sheets) {
    if (sheet.status !== 'submitted') continue;
    const { values } = effective(scheme, sheet);
    for (const aspectId of judgementIds) {
      const score = values[aspectId];
      if (score !== undefined) scores.push({ judgeId: sheet.judgeId, entryId: sheet.entryId, aspectId, score });
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
