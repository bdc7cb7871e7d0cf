import { judgingV1 } from '@digicraft/contracts';
import type { FastifyInstance } from 'fastify';
import type { DownstreamClients } from '../../grpc/downstream-clients';
import { withProblems } from '../schemas';
import { jsonObject, judgingCall, toHundredths, toPoints, trackParams, type TrackParams } from './judging-route-kit';

interface AspectBody {
  id: string;
  kind: 'measurement' | 'judgement';
  description: string;
  maxMark: number;
  entry?: 'mark' | 'pass-fail';
  levels?: { score: number; descriptor: string }[];
}

interface SchemeBody {
  expectedVersion?: number;
  criteria: { id: string; name: string; weight: number; aspects: AspectBody[] }[];
  rule?: { judgesPerEntry?: number; aggregation?: 'mean' | 'median' | 'trimmed-mean'; maxSpread?: number };
  results?: { tieBreaks?: string[]; medals?: { gold: number; silver: number; bronze: number }; centre?: number; k?: number };
}

interface JudgesBody {
  judges: { accountId: string; chief?: boolean; institution?: string; province?: string; employer?: string; links?: { accountId: string; relation: string }[] }[];
}

const AGGREGATION = { mean: judgingV1.Aggregation.AGGREGATION_MEAN, median: judgingV1.Aggregation.AGGREGATION_MEDIAN, 'trimmed-mean': judgingV1.Aggregation.AGGREGATION_TRIMMED_MEAN };
const points = { type: 'number', minimum: 0, maximum: 100, multipleOf: 0.01 } as const;

const schemeBody = {
  type: 'object',
  required: ['criteria'],
  additionalProperties: false,
  properties: {
    expectedVersion: { type: 'integer', minimum: 0, description: '0 to create; otherwise the version you edited' },
    criteria: {
      type: 'array', minItems: 1, maxItems: 50,
      items: {
        type: 'object', required: ['id', 'name', 'weight', 'aspects'], additionalProperties: false,
        properties: {
          id: { type: 'string' }, name: { type: 'string' }, weight: points,
          aspects: {
            type: 'array', minItems: 1, maxItems: 100,
            items: {
              type: 'object', required: ['id', 'kind', 'description', 'maxMark'], additionalProperties: false,
              properties: {
                id: { type: 'string' }, kind: { type: 'string', enum: ['measurement', 'judgement'] }, description: { type: 'string' }, maxMark: points,
                entry: { type: 'string', enum: ['mark', 'pass-fail'] },
                levels: { type: 'array', maxItems: 4, items: { type: 'object', required: ['score', 'descriptor'], properties: { score: { type: 'integer' }, descriptor: { type: 'string' } } } },
              },
            },
          },
        },
      },
    },
    rule: {
      type: 'object', additionalProperties: false,
      properties: { judgesPerEntry: { type: 'integer', minimum: 1, maximum: 12 }, aggregation: { type: 'string', enum: ['mean', 'median', 'trimmed-mean'] }, maxSpread: { type: 'number', minimum: 0.01, maximum: 3 } },
    },
    results: {
      type: 'object', additionalProperties: false,
      properties: {
        tieBreaks: { type: 'array', items: { type: 'string' } },
        medals: { type: 'object', required: ['gold', 'silver', 'bronze'], properties: { gold: { type: 'integer', minimum: 0 }, silver: { type: 'integer', minimum: 0 }, bronze: { type: 'integer', minimum: 0 } } },
        centre: { type: 'integer', minimum: 1 }, k: { type: 'integer', minimum: 1 },
      },
    },
  },
} as const;

function schemeJson(scheme: judgingV1.MarkingScheme | undefined, remark: readonly string[]): Record<string, unknown> {
  return {
    version: scheme?.version ?? 0,
    frozen: scheme?.frozen ?? false,
    remarkAspectIds: remark,
    criteria: (scheme?.criteria ?? []).map((c) => ({ id: c.criterionId, name: c.name, weight: toPoints(c.weightHundredths), aspects: c.aspects.map((a) => ({ id: a.aspectId, maxMark: toPoints(a.maxMarkHundredths), kind: a.kind === judgingV1.AspectKind.ASPECT_KIND_JUDGEMENT ? 'judgement' : 'measurement' })) })),
  };
}

/** Organizer set-up of a track's judging: marking scheme, panel, entry affiliations, assignments. */
export function registerJudgingSetupRoutes(app: FastifyInstance, downstream: DownstreamClients): void {
  const judging = judgingCall(downstream);
  const organizer = { access: { auth: 'required' as const, roles: ['organizer' as const, 'admin' as const] } };

  app.put<{ Params: TrackParams; Body: SchemeBody }>(
    '/v1/competitions/:id/tracks/:trackId/marking-scheme',
    { config: organizer, schema: { tags: ['judging'], summary: 'Define or change the marking scheme (points, weights summing to 100)', security: [{ bearerAuth: [] }], params: trackParams, body: schemeBody, response: withProblems({ 200: jsonObject }) } },
    async (request) => {
      const b = request.body;
      const res = await judging(request, 'putMarkingScheme', {
        competitionId: request.params.id,
        trackId: request.params.trackId,
        expectedVersion: b.expectedVersion ?? 0,
        criteria: b.criteria.map((c) => ({
          criterionId: c.id, name: c.name, weightHundredths: toHundredths(c.weight),
          aspects: c.aspects.map((a) => ({
            aspectId: a.id, description: a.description, maxMarkHundredths: toHundredths(a.maxMark),
            kind: a.kind === 'judgement' ? judgingV1.AspectKind.ASPECT_KIND_JUDGEMENT : judgingV1.AspectKind.ASPECT_KIND_MEASUREMENT,
            measurementEntry: a.entry === 'pass-fail' ? judgingV1.MeasurementEntry.MEASUREMENT_ENTRY_PASS_FAIL : judgingV1.MeasurementEntry.MEASUREMENT_ENTRY_MARK,
            levels: a.levels ?? [],
          })),
        })),
        rule: { judgesPerEntry: b.rule?.judgesPerEntry ?? 3, aggregation: AGGREGATION[b.rule?.aggregation ?? 'mean'], maxSpreadHundredths: toHundredths(b.rule?.maxSpread ?? 1) },
        results: { tieBreakCriterionIds: b.results?.tieBreaks ?? [], medals: b.results?.medals ?? { gold: 1, silver: 1, bronze: 1 }, standardizedCentre: b.results?.centre ?? 700, standardizedK: b.results?.k ?? 30 },
      });
      return schemeJson(res.scheme, res.remarkAspectIds);
    },
  );

  app.post<{ Params: TrackParams; Body: JudgesBody }>(
    '/v1/competitions/:id/tracks/:trackId/judges',
    {
      config: organizer,
      schema: {
        tags: ['judging'], summary: 'Add judges (with declared affiliations and links) to the track panel', security: [{ bearerAuth: [] }], params: trackParams,
        body: {
          type: 'object', required: ['judges'], additionalProperties: false,
          properties: {
            judges: {
              type: 'array', minItems: 1, maxItems: 500,
              items: {
                type: 'object', required: ['accountId'], additionalProperties: false,
                properties: {
                  accountId: { type: 'string', minLength: 1 }, chief: { type: 'boolean' }, institution: { type: 'string' }, province: { type: 'string' }, employer: { type: 'string' },
                  links: { type: 'array', items: { type: 'object', required: ['accountId', 'relation'], properties: { accountId: { type: 'string' }, relation: { type: 'string', enum: ['trainer', 'trainee', 'employer', 'employee', 'colleague', 'relative'] } } } },
                },
              },
            },
          },
        },
        response: withProblems({ 200: jsonObject }),
      },
    },
    async (request) => {
      const res = await judging(request, 'addJudges', {
        competitionId: request.params.id,
        trackId: request.params.trackId,
        judges: request.body.judges.map((j) => ({ accountId: j.accountId, chief: j.chief ?? false, institution: j.institution ?? '', province: j.province ?? '', employer: j.employer ?? '', links: j.links ?? [] })),
      });
      return { judges: (res.panel?.judges ?? []).map((j) => ({ accountId: j.accountId, chief: j.chief })) };
    },
  );

  app.post<{ Params: TrackParams; Body: { affiliations: { entryId: string; institution?: string; province?: string }[] } }>(
    '/v1/competitions/:id/tracks/:trackId/entry-affiliations',
    {
      config: organizer,
      schema: {
        tags: ['judging'], summary: 'Declare contestants’ institution and province for conflict checks', security: [{ bearerAuth: [] }], params: trackParams,
        body: { type: 'object', required: ['affiliations'], properties: { affiliations: { type: 'array', maxItems: 5000, items: { type: 'object', required: ['entryId'], properties: { entryId: { type: 'string' }, institution: { type: 'string' }, province: { type: 'string' } } } } } },
        response: withProblems({ 200: jsonObject }),
      },
    },
    async (request) => judging(request, 'declareEntryAffiliations', {
      competitionId: request.params.id,
      trackId: request.params.trackId,
      affiliations: request.body.affiliations.map((a) => ({ entryId: a.entryId, institution: a.institution ?? '', province: a.province ?? '' })),
    }),
  );

  app.post<{ Params: TrackParams }>(
    '/v1/competitions/:id/tracks/:trackId/assignments/generate',
    { config: organizer, schema: { tags: ['judging'], summary: 'Generate a conflict-free, load-balanced assignment; explains exclusions and uncovered entries', security: [{ bearerAuth: [] }], params: trackParams, response: withProblems({ 200: jsonObject }) } },
    async (request) => {
      const res = await judging(request, 'generateAssignments', { competitionId: request.params.id, trackId: request.params.trackId }, 'bulk');
      return { entries: res.entries, assignments: res.assignments, uncovered: res.uncovered, exclusions: res.exclusions, load: res.load };
    },
  );
}
