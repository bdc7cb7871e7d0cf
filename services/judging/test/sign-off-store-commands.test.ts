import mongoose from 'mongoose';
import { countStoreOps, opsPerUnit } from '../bench/store-op-counter';
import { startJudging, type Harness } from './support/judging-harness';
import { JUDGE, ORGANIZER, markedTrack, type MarkedTrack } from './support/marked-track';

const ENTRIES = 24;

/**
 * On FerretDB every read that finds nothing scans a whole collection (sheets, ledger,
 * sign-offs…), so a sign-off that asked the store "is there a next sheet version / a sign-off /
 * a resolution?" cost seconds on a 2,000-entry track. After the track's first sign-off (which
 * loads its views once), a sign-off reads nothing and writes two inserts.
 */
describe('a chief judge signing off entry after entry', () => {
  let h: Harness;
  let t: MarkedTrack;
  const snapshot = countStoreOps(mongoose.mongo);

  beforeAll(async () => {
    h = await startJudging();
    t = await markedTrack(h, ENTRIES);
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('reads nothing from the store per sign-off and keeps the ledger complete and verifiable', async () => {
    const chief = h.as(t.chiefs[0], JUDGE);
    const [first, ...rest] = t.entries;
    await chief('signOff', { entryId: first! });
    const before = snapshot();
    const results = [];
    for (const entryId of rest) results.push(await chief('signOff', { entryId }));
    const perSignOff = opsPerUnit(before, snapshot(), rest.length);

    expect(results.map((r) => r.result?.revision)).toEqual(rest.map(() => 1));
    // Exactly the sign-off and its ledger record, no read that could scan a collection. (The
    // views' background refreshes scan now and then, never on a sign-off's path: allow them a
    // small share, far below one read per sign-off.)
    expect(perSignOff['signoffs.insertOne']).toBe(1);
    expect(perSignOff['ledger.insertMany']).toBe(1);
    // (Counted for the whole process: its registration consumer, fed by other suites through the
    // shared topic, reads entries and removals meanwhile; those are not the sign-off's.)
    const reads = Object.entries(perSignOff).filter(([op]) => /^(sheets|ledger|signoffs|resolutions|panels|schemes|entry_assignments)\.(find|findOne|countDocuments|aggregate)$/.test(op));
    expect(reads.filter(([op]) => /^(sheets|ledger)\./.test(op))).toEqual([]);
    expect(reads.reduce((n, [, perOp]) => n + perOp, 0)).toBeLessThan(0.5);
    const updates = Object.keys(perSignOff).filter((op) => /\.(updateOne|updateMany|replaceOne|findOneAndUpdate)$/.test(op) && op !== 'ledger_heads.updateOne');
    expect(updates).toEqual([]);

    const ledger = await h.db.collection('ledger').find({ trackId: t.trackId, kind: 'sign-off' }).toArray();
    expect(ledger.map((r) => r.subject).sort()).toEqual([...t.entries].sort());
    const verified = await h.as(t.organizer, ORGANIZER)('verifyLedger', { competitionId: t.competitionId, trackId: t.trackId });
    expect(verified).toMatchObject({ ok: true, failureSeq: 0 });
  }, 60_000);

  it('still refuses what the rules refuse: an entry signed off already, by another chief', async () => {
    await expect(h.as(t.chiefs[1], JUDGE)('signOff', { entryId: t.entries[0]! })).rejects.toMatchObject({ code: 'DC_ERR_ALREADY_SIGNED_OFF' });
    await expect(h.as(t.judges[0]!, JUDGE)('signOff', { entryId: t.entries[0]! })).rejects.toMatchObject({ code: expect.stringMatching(/DC_ERR_JUDGING_FORBIDDEN|DC_ERR_ALREADY_SIGNED_OFF/) });
  });
});
