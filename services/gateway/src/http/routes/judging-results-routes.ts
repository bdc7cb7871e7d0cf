import { judgingEventsV1, judgingV1 } from '@digicraft/contracts';
import type { FastifyInstance } from 'fastify';
import type { DownstreamClients } from '../../grpc/downstream-clients';
import { publicCacheNames } from '../../redis/public-read-cache';
import { withProblems } from '../schemas';
import type { PublicRead } from '../public-read';
import { entryParams, jsonObject, judgingCall, toPoints, trackParams, type EntryParams, type TrackParams } from './judging-route-kit';

const MEDAL: Record<number, string> = {
  [judgingEventsV1.Medal.MEDAL_GOLD]: 'gold',
  [judgingEventsV1.Medal.MEDAL_SILVER]: 'silver',
  [judgingEventsV1.Medal.MEDAL_BRONZE]: 'bronze',
  [judgingEventsV1.Medal.MEDAL_EXCELLENCE]: 'excellence',
};

function resultsJson(r: judgingV1.Results | undefined): Record<string, unknown> {
  return {
    competitionId: r?.competitionId,
    trackId: r?.trackId,
    revision: r?.revision ?? 0,
    formula: r?.formula ?? '',
    publishedAt: r?.publishedAt?.toISOString(),
    unfinishedEntryIds: r?.unfinishedEntryIds ?? [],
    standings: (r?.standings ?? []).map((s) => ({ rank: s.rank, entryId: s.entryId, entryCode: s.entryCode, rawTotal: toPoints(s.scoreHundredths), standardized: toPoints(s.standardizedHundredths), medal: MEDAL[s.medal] ?? 'none' })),
  };
}

const reasonBody = { type: 'object', additionalProperties: false, properties: { reason: { type: 'string', maxLength: 2000 } } } as const;

/** Chief judge review and sign-off, publishing results, panel statistics and the audit ledger check. */
export function registerJudgingResultsRoutes(app: FastifyInstance, downstream: DownstreamClients): void {
  const judging = judgingCall(downstream);
  const chief = { access: { auth: 'required' as const, roles: ['judge' as const] } };
  const organizer = { access: { auth: 'required' as const, roles: ['organizer' as const, 'admin' as const] } };
  const reviewer = { access: { auth: 'required' as const, roles: ['judge' as const, 'organizer' as const, 'admin' as const] } };

  app.post<{ Params: EntryParams & { aspectId: string }; Body: { value: number; reason: string } }>(
    '/v1/entries/:entryId/aspects/:aspectId/resolution',
    {
      config: chief,
      schema: {
        tags: ['judging'], summary: 'Chief judge resolves a flagged aspect with a written reason (judgement: agreed level 0–3; measurement: points)', security: [{ bearerAuth: [] }],
        params: { type: 'object', required: ['entryId', 'aspectId'], properties: { entryId: { type: 'string' }, aspectId: { type: 'string' } } },
        body: { type: 'object', required: ['value', 'reason'], additionalProperties: false, properties: { value: { type: 'number', minimum: 0, maximum: 100, multipleOf: 0.01 }, reason: { type: 'string', maxLength: 2000 } } },
        response: withProblems({ 200: jsonObject }),
      },
    },
    async (request) => judging(request, 'resolveAspect', { entryId: request.params.entryId, aspectId: request.params.aspectId, value: Math.round(request.body.value * 100), reason: request.body.reason }),
  );

  app.post<{ Params: EntryParams }>(
    '/v1/entries/:entryId/sign-off',
    { config: chief, schema: { tags: ['judging'], summary: 'Chief judge (who did not mark it) signs the entry off, locking it', security: [{ bearerAuth: [] }], params: entryParams, response: withProblems({ 200: jsonObject }) } },
    async (request) => {
      const r = (await judging(request, 'signOff', { entryId: request.params.entryId })).result;
      return { entryId: r?.entryId, rawTotal: toPoints(r?.scoreHundredths ?? 0), revision: r?.revision, signedOffAt: r?.signedOffAt?.toISOString() };
    },
  );

  app.post<{ Params: EntryParams; Body: { reason: string; corrections: { judgeAccountId: string; aspectId: string; value: number }[] } }>(
    '/v1/entries/:entryId/corrections',
    {
      config: chief,
      schema: {
        tags: ['judging'], summary: 'Correct a signed-off entry: a new revision with a reason (values as stored: levels, or hundredths of a point)', security: [{ bearerAuth: [] }], params: entryParams,
        body: { type: 'object', required: ['reason', 'corrections'], additionalProperties: false, properties: { reason: { type: 'string', maxLength: 2000 }, corrections: { type: 'array', minItems: 1, items: { type: 'object', required: ['judgeAccountId', 'aspectId', 'value'], properties: { judgeAccountId: { type: 'string' }, aspectId: { type: 'string' }, value: { type: 'integer', minimum: 0 } } } } } },
        response: withProblems({ 200: jsonObject }),
      },
    },
    async (request) => {
      const r = (await judging(request, 'correctEntry', { entryId: request.params.entryId, corrections: request.body.corrections, reason: request.body.reason })).result;
      return { entryId: r?.entryId, rawTotal: toPoints(r?.scoreHundredths ?? 0), revision: r?.revision };
    },
  );

  app.post<{ Params: TrackParams; Body: { reason?: string; allowUnfinished?: boolean } | undefined }>(
    '/v1/competitions/:id/tracks/:trackId/results/publish',
    {
      config: organizer,
      schema: {
        tags: ['judging'], summary: 'Publish the results (a revision needs a reason)', security: [{ bearerAuth: [] }], params: trackParams,
        body: { ...reasonBody, properties: { ...reasonBody.properties, allowUnfinished: { type: 'boolean' } } },
        response: withProblems({ 200: jsonObject }),
      },
    },
    async (request) => resultsJson((await judging(request, 'publishResults', { competitionId: request.params.id, trackId: request.params.trackId, revisionReason: request.body?.reason ?? '', allowUnfinished: request.body?.allowUnfinished ?? false }, 'bulk')).results),
  );

  app.get<{ Params: TrackParams }>(
    '/v1/competitions/:id/tracks/:trackId/panel-statistics',
    { config: reviewer, schema: { tags: ['judging'], summary: 'Per-judge mean and spread vs the panel, Krippendorff alpha per aspect, outliers', security: [{ bearerAuth: [] }], params: trackParams, response: withProblems({ 200: jsonObject }) } },
    async (request) => judging(request, 'getPanelStatistics', { competitionId: request.params.id, trackId: request.params.trackId }, 'bulk'),
  );

  app.get<{ Params: TrackParams }>(
    '/v1/competitions/:id/tracks/:trackId/ledger/verify',
    { config: reviewer, schema: { tags: ['judging'], summary: 'Verify the hash-chained audit ledger and the stored marks against it', security: [{ bearerAuth: [] }], params: trackParams, response: withProblems({ 200: jsonObject }) } },
    async (request) => judging(request, 'verifyLedger', { competitionId: request.params.id, trackId: request.params.trackId }, 'bulk'),
  );
}

/**
 * Anyone reads a track's published results. Anonymous readers share one cached answer per track,
 * dropped by judging.results-published and judging.results-revised, the only events that change it.
 */
export function registerPublishedResultsRoute(app: FastifyInstance, downstream: DownstreamClients, read: PublicRead): void {
  const judging = judgingCall(downstream);
  app.get<{ Params: TrackParams }>(
    '/v1/competitions/:id/tracks/:trackId/results',
    { config: { access: { auth: 'optional' } }, schema: { tags: ['judging'], summary: 'Published results: ranks, raw totals, standardized scores, medals and the formula', params: trackParams, response: withProblems({ 200: jsonObject }) } },
    async (request, reply) =>
      read(request, reply, publicCacheNames.trackResults(request.params.id, request.params.trackId), async () =>
        resultsJson((await judging(request, 'getResults', { competitionId: request.params.id, trackId: request.params.trackId })).results),
      ),
  );
}
