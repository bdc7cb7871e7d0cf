import type { judgingV1 } from '@digicraft/contracts';
import { startHarness, type Harness } from './support/gateway-harness';
import { bearer, get, json } from './support/api';
import { sessionsByRole } from './support/roles';
import { startJudgingStub, type JudgingStub } from './support/judging-stub';

/** GET /v1/me/assignments hands the page request to judging and the next cursor back to the judge. */
describe('gateway: a judge’s assignments, page by page', () => {
  let judging: JudgingStub;
  let h: Harness;
  let judge: Record<string, string>;
  const asked: judgingV1.ListMyAssignmentsRequest[] = [];

  beforeAll(async () => {
    judging = await startJudgingStub({
      listMyAssignments: async (request) => {
        asked.push(request);
        const start = request.page?.cursor === 'after-2' ? 2 : 0;
        const rows = ['e1', 'e2', 'e3'].slice(start, start + (request.page?.pageSize || 100));
        return {
          assignments: rows.map((entryId) => ({ entryId, competitionId: 'c1', trackId: 't1', judgeAccountId: 'j', entryCode: `CODE-${entryId}`, status: 1, schemeVersion: 1, remarkAspectIds: [] })),
          page: { nextCursor: start + rows.length < 3 ? `after-${start + rows.length}` : '' },
        };
      },
    });
    h = await startHarness('gw_assignment_pages', { JUDGING_GRPC_ADDR: judging.address });
    judge = bearer((await sessionsByRole(h)).judge.accessToken);
  });
  afterAll(async () => {
    await h?.close();
    await judging?.stop();
  });

  it('returns a page and the cursor of the next; the last page has none', async () => {
    const firstPage = await get(h.http, '/v1/me/assignments?pageSize=2&trackId=t1', judge);
    expect(firstPage.statusCode).toBe(200);
    expect(json(firstPage)).toEqual({ items: [expect.objectContaining({ entryId: 'e1', entryCode: 'CODE-e1', status: 'pending' }), expect.objectContaining({ entryId: 'e2' })], nextCursor: 'after-2' });
    expect(asked.at(-1)).toMatchObject({ trackId: 't1', page: { pageSize: 2, cursor: '' } });
    const last = await get(h.http, '/v1/me/assignments?pageSize=2&cursor=after-2', judge);
    expect(json(last)).toEqual({ items: [expect.objectContaining({ entryId: 'e3' })] });
    expect(asked.at(-1)).toMatchObject({ page: { pageSize: 2, cursor: 'after-2' } });
  });

  it('leaves the page size to judging when none is given, and refuses more than 200', async () => {
    await get(h.http, '/v1/me/assignments', judge);
    expect(asked.at(-1)?.page).toEqual({ pageSize: 0, cursor: '' });
    const tooBig = await get(h.http, '/v1/me/assignments?pageSize=201', judge);
    expect(tooBig.statusCode).toBe(400);
    expect(json(tooBig)).toMatchObject({ code: 'DC_ERR_VALIDATION', errors: [expect.objectContaining({ field: expect.stringContaining('pageSize') })] });
  });
});
