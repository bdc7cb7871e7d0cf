import { signOffId } from '../src/store/outcome-store';
import { startJudging, type Harness } from './support/judging-harness';
import { JUDGE, ORGANIZER, markedTrack, type MarkedTrack } from './support/marked-track';

/**
 * A chief judge's client retries a sign-off after a timeout or a 503 (the first attempt may
 * well have landed): the retry answers the original result, not "already signed off". Anyone
 * else, or a repeat after the entry changed, still gets the precise refusal.
 */
describe('retrying a sign-off', () => {
  let h: Harness;
  let t: MarkedTrack;
  const signOffRecords = async (entryId: string): Promise<number> => (await h.db.collection('ledger').find({ trackId: t.trackId, kind: 'sign-off', subject: entryId }).toArray()).length;

  beforeAll(async () => {
    h = await startJudging();
    t = await markedTrack(h, 5);
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('answers a repeat by the same chief with the original result, recorded once in the ledger', async () => {
    const entryId = t.entries[0]!;
    const first = await h.as(t.chiefs[0], JUDGE)('signOff', { entryId });
    const retry = await h.as(t.chiefs[0], JUDGE)('signOff', { entryId });
    expect(retry).toEqual(first);
    expect(first.result).toMatchObject({ entryId, revision: 1, chiefJudgeAccountId: t.chiefs[0] });
    expect(await signOffRecords(entryId)).toBe(1);
  });

  it('answers two attempts racing each other alike, with one sign-off and one ledger record', async () => {
    const entryId = t.entries[1]!;
    const [a, b] = await Promise.all([h.as(t.chiefs[0], JUDGE)('signOff', { entryId }), h.as(t.chiefs[0], JUDGE)('signOff', { entryId })]);
    expect(b).toEqual(a);
    expect(await h.db.collection('signoffs').countDocuments({ entryId })).toBe(1);
    expect(await signOffRecords(entryId)).toBe(1);
  });

  it('refuses another chief, and the same chief once the entry was corrected, saying why', async () => {
    const entryId = t.entries[0]!;
    await expect(h.as(t.chiefs[1], JUDGE)('signOff', { entryId })).rejects.toMatchObject({ code: 'DC_ERR_ALREADY_SIGNED_OFF', message: expect.stringContaining('another chief judge') });
    const judge = (await h.db.collection<{ _id: string; judgeIds: string[] }>('entry_assignments').findOne({ _id: entryId }))!.judgeIds[0]!;
    const corrected = await h.as(t.chiefs[0], JUDGE)('correctEntry', { entryId, corrections: [{ judgeAccountId: judge, aspectId: 'a1', value: 2000 }], reason: 'the test split was leaked' });
    expect(corrected.result?.revision).toBe(2);
    await expect(h.as(t.chiefs[0], JUDGE)('signOff', { entryId })).rejects.toMatchObject({ code: 'DC_ERR_ALREADY_SIGNED_OFF', message: expect.stringContaining('revision 2') });
  });

  it('completes the ledger when the original attempt stopped between its two writes', async () => {
    // What a crash after the sign-off's insert and before its ledger append leaves behind
    // (written by another instance: this one has never seen it).
    const entryId = t.entries[2]!;
    const at = new Date();
    await h.db.collection('signoffs').insertOne({ _id: signOffId(entryId, 1) as never, entryId, trackId: t.trackId, competitionId: t.competitionId, revision: 1, total: 7000, criteria: { A: 4333, B: 2667 }, chiefJudgeId: t.chiefs[0], at, outbox: [], outboxAt: at });
    expect(await signOffRecords(entryId)).toBe(0);
    const retry = await h.as(t.chiefs[0], JUDGE)('signOff', { entryId });
    expect(retry.result).toMatchObject({ entryId, revision: 1, scoreHundredths: 7000, chiefJudgeAccountId: t.chiefs[0] });
    expect(await signOffRecords(entryId)).toBe(1);
    // Asked again, it is not recorded twice.
    await h.as(t.chiefs[0], JUDGE)('signOff', { entryId });
    expect(await signOffRecords(entryId)).toBe(1);
    const verified = await h.as(t.organizer, ORGANIZER)('verifyLedger', { competitionId: t.competitionId, trackId: t.trackId });
    expect(verified).toMatchObject({ ok: true, failureSeq: 0 });
  });
});
