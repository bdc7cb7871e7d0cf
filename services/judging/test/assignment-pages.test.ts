import { startJudging, type Harness } from './support/judging-harness';
import { JUDGE, markedTrack, type MarkedTrack } from './support/marked-track';

/** A judge's assigned entries come in pages (by track, then entry) with a cursor to the next. */
describe('my assignments, page by page', () => {
  let h: Harness;
  let first: MarkedTrack;
  let second: MarkedTrack;
  const judge = (): string => first.judges[0]!;
  const list = (page: { pageSize: number; cursor: string }, trackId = '') => h.as(judge(), JUDGE)('listMyAssignments', { competitionId: '', trackId, page });

  beforeAll(async () => {
    h = await startJudging();
    // Two judges per entry and two judges on each panel: the judge has every entry of both tracks.
    first = await markedTrack(h, 4, { judgeCount: 2, unmarked: true });
    second = await markedTrack(h, 3, { judges: first.judges, unmarked: true });
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('walks every assignment once, in track-then-entry order, and ends without a cursor', async () => {
    const pages: string[][] = [];
    let cursor = '';
    do {
      const res = await list({ pageSize: 3, cursor });
      pages.push(res.assignments.map((a) => `${a.trackId}/${a.entryId}`));
      cursor = res.page?.nextCursor ?? '';
    } while (cursor !== '' && pages.length < 10);
    const expected = [...first.entries.map((e) => `${first.trackId}/${e}`), ...second.entries.map((e) => `${second.trackId}/${e}`)].sort();
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(expected);
  });

  it('pages within one track, with the default page size when none is asked for', async () => {
    const all = await list({ pageSize: 0, cursor: '' }, second.trackId);
    expect(all.assignments.map((a) => a.entryId)).toEqual([...second.entries]);
    expect(all.page?.nextCursor).toBe('');
    expect(all.assignments[0]).toMatchObject({ entryCode: 'C0', status: 1 });
  });

  it('refuses a page size over 200 and a cursor it never gave out, naming the field', async () => {
    await expect(list({ pageSize: 201, cursor: '' })).rejects.toMatchObject({ code: 'DC_ERR_VALIDATION', fields: [expect.objectContaining({ field: 'page.pageSize' })] });
    await expect(list({ pageSize: 10, cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'DC_ERR_VALIDATION', fields: [expect.objectContaining({ field: 'page.cursor' })] });
  });
});
