import { judgingV1 } from '@digicraft/contracts';
import type { FastifyInstance } from 'fastify';
import type { DownstreamClients } from '../../grpc/downstream-clients';
import { withProblems } from '../schemas';
import { entryParams, jsonObject, judgingCall, toHundredths, type EntryParams } from './judging-route-kit';

interface MarkBody {
  aspectId: string;
  /** Judgement aspects: the level 0–3. */
  level?: number;
  /** Measurement aspects entered as a mark: points. */
  points?: number;
  /** Pass/fail measurement aspects. */
  pass?: boolean;
  comment?: string;
}

const STATUS: Record<number, string> = {
  [judgingV1.AssignmentStatus.ASSIGNMENT_STATUS_PENDING]: 'pending',
  [judgingV1.AssignmentStatus.ASSIGNMENT_STATUS_DRAFT]: 'draft',
  [judgingV1.AssignmentStatus.ASSIGNMENT_STATUS_SUBMITTED]: 'submitted',
  [judgingV1.AssignmentStatus.ASSIGNMENT_STATUS_SIGNED_OFF]: 'signed-off',
};

function markValue(m: MarkBody): number {
  if (m.level !== undefined) return m.level;
  if (m.pass !== undefined) return m.pass ? 1 : 0;
  return toHundredths(m.points ?? 0);
}

function sheetJson(sheet: judgingV1.MarkSheet | undefined): Record<string, unknown> {
  return {
    entryId: sheet?.entryId,
    entryCode: sheet?.entryCode,
    status: STATUS[sheet?.status ?? 0] ?? 'pending',
    version: sheet?.version ?? 0,
    schemeVersion: sheet?.schemeVersion ?? 0,
    // Judgement values are levels, measurement marks hundredths of a point, pass/fail 1/0.
    marks: sheet?.marks ?? [],
    flaggedAspectIds: sheet?.flaggedAspectIds ?? [],
    ...(sheet?.submittedAt ? { submittedAt: sheet.submittedAt.toISOString() } : {}),
  };
}

/** What a judge does: see their assignments (entry codes only), auto-save marks, submit. */
export function registerJudgingMarkingRoutes(app: FastifyInstance, downstream: DownstreamClients): void {
  const judging = judgingCall(downstream);
  const judge = { access: { auth: 'required' as const, roles: ['judge' as const] } };

  app.get<{ Querystring: { competitionId?: string; trackId?: string; pageSize?: number; cursor?: string } }>(
    '/v1/me/assignments',
    {
      config: judge,
      schema: {
        tags: ['judging'], summary: 'Entries assigned to me (codes, never names), by track then entry; cursor pagination', security: [{ bearerAuth: [] }],
        querystring: {
          type: 'object', additionalProperties: false,
          properties: {
            competitionId: { type: 'string' }, trackId: { type: 'string' },
            pageSize: { type: 'integer', minimum: 1, maximum: 200, description: 'default 100' },
            cursor: { type: 'string', maxLength: 1024, description: 'nextCursor of the previous page' },
          },
        },
        response: withProblems({ 200: jsonObject }),
      },
    },
    async (request) => {
      const { competitionId, trackId, pageSize, cursor } = request.query;
      const res = await judging(request, 'listMyAssignments', { competitionId: competitionId ?? '', trackId: trackId ?? '', page: { pageSize: pageSize ?? 0, cursor: cursor ?? '' } });
      const nextCursor = res.page?.nextCursor;
      return {
        items: res.assignments.map((a) => ({ entryId: a.entryId, entryCode: a.entryCode, competitionId: a.competitionId, trackId: a.trackId, status: STATUS[a.status] ?? 'pending', schemeVersion: a.schemeVersion, remarkAspectIds: a.remarkAspectIds })),
        ...(nextCursor ? { nextCursor } : {}),
      };
    },
  );

  app.get<{ Params: EntryParams }>(
    '/v1/entries/:entryId/marks',
    { config: judge, schema: { tags: ['judging'], summary: 'My mark sheet for an assigned entry', security: [{ bearerAuth: [] }], params: entryParams, response: withProblems({ 200: jsonObject }) } },
    async (request) => sheetJson((await judging(request, 'getMarkSheet', { entryId: request.params.entryId })).sheet),
  );

  app.put<{ Params: EntryParams; Body: { marks: MarkBody[]; expectedVersion?: number } }>(
    '/v1/entries/:entryId/marks',
    {
      config: judge,
      schema: {
        tags: ['judging'], summary: 'Save draft marks (idempotent: auto-save may repeat it)', security: [{ bearerAuth: [] }], params: entryParams,
        body: {
          type: 'object', required: ['marks'], additionalProperties: false,
          properties: {
            expectedVersion: { type: 'integer', minimum: 0 },
            marks: {
              type: 'array', minItems: 1, maxItems: 200,
              items: {
                type: 'object', required: ['aspectId'], additionalProperties: false,
                properties: { aspectId: { type: 'string', minLength: 1 }, level: { type: 'integer', minimum: 0, maximum: 3 }, points: { type: 'number', minimum: 0, maximum: 100, multipleOf: 0.01 }, pass: { type: 'boolean' }, comment: { type: 'string', maxLength: 2000 } },
                oneOf: [{ required: ['level'] }, { required: ['points'] }, { required: ['pass'] }],
              },
            },
          },
        },
        response: withProblems({ 200: jsonObject }),
      },
    },
    async (request) => {
      const res = await judging(request, 'saveMarks', {
        entryId: request.params.entryId,
        marks: request.body.marks.map((m) => ({ aspectId: m.aspectId, value: markValue(m), comment: m.comment ?? '' })),
        expectedVersion: request.body.expectedVersion ?? 0,
      });
      return sheetJson(res.sheet);
    },
  );

  app.post<{ Params: EntryParams; Body: { expectedVersion?: number } | undefined }>(
    '/v1/entries/:entryId/marks/submit',
    { config: judge, schema: { tags: ['judging'], summary: 'Submit my marks for the entry (locks them)', security: [{ bearerAuth: [] }], params: entryParams, response: withProblems({ 200: jsonObject }) } },
    async (request) => sheetJson((await judging(request, 'submitMarks', { entryId: request.params.entryId, expectedVersion: request.body?.expectedVersion ?? 0 })).sheet),
  );
}
