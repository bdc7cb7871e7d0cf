import mongoose from 'mongoose';
import { countStoreOps, opsPerUnit } from '../bench/store-op-counter';
import { startJudging, type Harness } from './support/judging-harness';
import { ORGANIZER, markEntry, markedTrack, type MarkedTrack } from './support/marked-track';

/**
 * The chief judge's panel statistics over the whole track. They used to re-read every sheet of
 * the track on each request (on FerretDB that scan was ~5 s of a 5.2 s answer at 2,000 entries ×
 * 3 judges; the arithmetic ~0.1 s); they now come from the track's sheet index in memory.
 */
describe('panel statistics for the chief judge', () => {
  let h: Harness;
  let t: MarkedTrack;
  const snapshot = countStoreOps(mongoose.mongo);
  // Judge 0 is lenient, judge 1 severe; both judge both entries (two judges per entry).
  const levels = (entry: number, judge: number): { a2: number; b1: number } => [[{ a2: 3, b1: 2 }, { a2: 2, b1: 2 }], [{ a2: 3, b1: 2 }, { a2: 1, b1: 1 }]][entry]![judge]!;
  const statistics = () => h.as(t.organizer, ORGANIZER)('getPanelStatistics', { competitionId: t.competitionId, trackId: t.trackId });

  beforeAll(async () => {
    h = await startJudging();
    t = await markedTrack(h, 2, { judgeCount: 2, unmarked: true });
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('counts each submitted sheet as soon as it is submitted', async () => {
    await markEntry(h, t, t.entries[0]!, levels);
    const early = await statistics();
    expect(early.judges.map((j) => [j.judgeAccountId, j.scores, j.mean])).toEqual([[t.judges[0], 2, 2.5], [t.judges[1], 2, 2]]);
    await markEntry(h, t, t.entries[1]!, levels);
    expect((await statistics()).judges.map((j) => j.scores)).toEqual([4, 4]);
  });

  it('gives leniency, spread, outliers and Krippendorff’s alpha per aspect (checked by hand)', async () => {
    const before = snapshot();
    const stats = await statistics();
    const ops = opsPerUnit(before, snapshot(), 1);
    // Deviations from the other judge: judge 0 +1, 0, +2, +1 → mean 1, spread √0.5; judge 1 the mirror image.
    expect(stats.judges).toEqual([
      { judgeAccountId: t.judges[0], scores: 4, mean: 2.5, meanDeviation: 1, spread: expect.closeTo(Math.SQRT1_2, 10), outlier: true },
      { judgeAccountId: t.judges[1], scores: 4, mean: 1.5, meanDeviation: -1, spread: expect.closeTo(Math.SQRT1_2, 10), outlier: true },
    ]);
    // a2: units [3,2] [3,1]: Do = (2 + 8)/4 = 2.5, De = 2·2.75/3 = 1.8333 → α = 1 − 2.5/1.8333 = −0.3636.
    // b1: units [2,2] [2,1]: Do = 2/4 = 0.5, De = 2·0.75/3 = 0.5 → α = 0.
    expect(stats.aspects).toEqual([
      { aspectId: 'a2', units: 2, alpha: expect.closeTo(-0.36364, 4) },
      { aspectId: 'b1', units: 2, alpha: expect.closeTo(0, 10) },
    ]);
    // No scan of the sheets: they come from the track's sheet index.
    expect(Object.keys(ops).filter((op) => op.startsWith('sheets.'))).toEqual([]);
  });
});
