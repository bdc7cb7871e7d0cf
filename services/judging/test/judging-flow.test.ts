import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import path from 'node:path';
import { createKafka, parseBrokers } from '@digicraft/messaging';
import { judgingEventsV1, registrationEventsV1 } from '@digicraft/contracts';
import { startJudging, type Harness } from './support/judging-harness';
import { protoScheme } from './support/scheme-proto';

const run = promisify(execFile);
const ORGANIZER = ['organizer'];
const JUDGE = ['judge'];

describe('judging a track end to end against real Kafka and FerretDB', () => {
  let h: Harness;
  const competitionId = `comp-${randomUUID()}`;
  const trackId = `track-${randomUUID()}`;
  const organizer = `org-${randomUUID().slice(0, 8)}`;
  const regs = Array.from({ length: 5 }, (_, i) => `reg-${i}-${randomUUID().slice(0, 8)}`);
  const judges = ['j1', 'j2', 'j3'].map((j) => `${j}-${randomUUID().slice(0, 6)}`);
  const chief = `chief-${randomUUID().slice(0, 6)}`;

  beforeAll(async () => {
    h = await startJudging();
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('creates entries from registration events, drops one withdrawn before judging, and learns the organizer', async () => {
    await h.emit('competition.published.v1', { competitionId, organizerAccountId: organizer, title: 'Big data cup', occupation: 'big-data', tracks: [{ trackId, name: 'ML', mode: 1, capacity: 10, minTeamSize: 1, maxTeamSize: 1 }], version: 1 }, competitionId);
    for (const [i, reg] of regs.entries()) {
      const affiliation = i === 3 ? { province: 'GD', institution: 'Shenzhen Poly' } : { province: 'BJ', institution: `School ${i}` };
      await h.emit('registration.confirmed.v1', { registrationId: reg, competitionId, trackId, contestantAccountId: `acct-${i}`, memberAccountIds: [`acct-${i}`], teamName: '', promotedFromWaitlist: false, version: 1, ...affiliation }, competitionId);
    }
    // A redelivered confirmation changes nothing; a withdrawal before judging removes the entry.
    await h.emit('registration.confirmed.v1', { registrationId: regs[0]!, competitionId, trackId, contestantAccountId: 'acct-0', memberAccountIds: ['acct-0'], teamName: '', promotedFromWaitlist: false, version: 1, province: 'BJ', institution: 'School 0' }, competitionId);
    // A promotion that is only an offer is not an entry (yet).
    await h.emit('registration.promoted.v1', { registrationId: 'reg-offered', competitionId, trackId, contestantAccountId: 'acct-9', memberAccountIds: ['acct-9'], previousWaitlistPosition: 1, freedByRegistrationId: regs[4]!, version: 2, status: registrationEventsV1.RegistrationStatus.REGISTRATION_STATUS_OFFERED, province: 'BJ', institution: 'School 9' }, competitionId);
    await h.emit('registration.withdrawn.v1', { registrationId: regs[4]!, competitionId, trackId, contestantAccountId: 'acct-4', memberAccountIds: ['acct-4'], previousStatus: 1, withdrawnByAccountId: 'acct-4', version: 2 }, competitionId);
    await h.waitFor('entries', async () => (await h.db.collection('entry_removals').countDocuments({ trackId })) === 1 && (await h.db.collection('entries').countDocuments({ trackId })) === 4);
    await h.waitFor('competition', async () => (await h.db.collection('competitions').countDocuments({ _id: competitionId } as never)) === 1);
    const entry = await h.db.collection('entries').findOne({ _id: regs[0] } as never);
    expect(entry?.code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(await h.db.collection('entries').countDocuments({ _id: 'reg-offered' } as never)).toBe(0);
  });

  it('lets only the owning organizer define the scheme, with precise validation errors', async () => {
    const s = protoScheme();
    await expect(h.as('someone-else', ORGANIZER)('putMarkingScheme', { competitionId, trackId, ...s, expectedVersion: 0, results: undefined })).rejects.toMatchObject({ code: 'DC_ERR_JUDGING_FORBIDDEN' });
    const bad = { ...s, criteria: [s.criteria[0]!, { ...s.criteria[1]!, weightHundredths: 3000 }] };
    await expect(h.as(organizer, ORGANIZER)('putMarkingScheme', { competitionId, trackId, ...bad, expectedVersion: 0, results: undefined })).rejects.toMatchObject({
      code: 'DC_ERR_SCHEME_INVALID',
      fields: expect.arrayContaining([{ field: 'criteria', message: 'criterion weights add up to 90.00, they must add up to 100.00' }]),
    });
    const ok = await h.as(organizer, ORGANIZER)('putMarkingScheme', { competitionId, trackId, ...s, expectedVersion: 0, results: { tieBreakCriterionIds: ['A'], medals: { gold: 1, silver: 1, bronze: 1 }, standardizedCentre: 0, standardizedK: 0 } });
    expect(ok.scheme).toMatchObject({ version: 1, frozen: false });
  });

  it('assigns judges without conflicts and explains the exclusion', async () => {
    await h.as(organizer, ORGANIZER)('addJudges', {
      competitionId,
      trackId,
      judges: [
        { accountId: judges[0]!, chief: false, institution: '', province: 'ZJ', employer: '', links: [] },
        { accountId: judges[1]!, chief: false, institution: '', province: 'JS', employer: '', links: [{ accountId: 'acct-1', relation: 'trainer' }] },
        { accountId: judges[2]!, chief: false, institution: '', province: 'GD', employer: '', links: [] },
        { accountId: chief, chief: true, institution: '', province: '', employer: '', links: [] },
      ],
    });
    await h.as(organizer, ORGANIZER)('declareEntryAffiliations', { competitionId, trackId, affiliations: [{ entryId: regs[0]!, institution: 'Hangzhou Poly', province: 'ZJ' }] });
    const plan = await h.as(organizer, ORGANIZER)('generateAssignments', { competitionId, trackId });
    expect(plan).toMatchObject({ entries: 4, assignments: 8, uncovered: [] });
    expect(plan.exclusions).toEqual(expect.arrayContaining([
      { entryId: regs[0]!, judgeAccountId: judges[0]!, reasons: ['same province "ZJ"'] },
      { entryId: regs[1]!, judgeAccountId: judges[1]!, reasons: ['declared trainer link with team member acct-1'] },
      // From the registration itself (registration.confirmed carries its province), nothing declared.
      { entryId: regs[3]!, judgeAccountId: judges[2]!, reasons: ['same province "GD"'] },
    ]));
    const mine = await h.as(judges[0]!, JUDGE)('listMyAssignments', { competitionId, trackId });
    expect(mine.assignments.map((a) => a.entryId)).not.toContain(regs[0]);
    expect(JSON.stringify(mine)).not.toContain('Hangzhou');
  });

  async function judgesOf(entryId: string): Promise<string[]> {
    const doc = await h.db.collection('entry_assignments').findOne({ _id: entryId } as never);
    return (doc?.judgeIds as string[]) ?? [];
  }

  it('saves drafts idempotently, locks on submit, flags disagreement, and needs a chief resolution before sign-off', async () => {
    const entry = regs[2]!;
    const [first, second] = await judgesOf(entry);
    const outsider = judges.find((j) => j !== first && j !== second)!;
    await expect(h.as(outsider, JUDGE)('saveMarks', { entryId: entry, marks: [{ aspectId: 'a1', value: 100, comment: '' }], expectedVersion: 0 })).rejects.toMatchObject({ code: 'DC_ERR_NOT_FOUND' });
    const marks = [{ aspectId: 'a1', value: 3000, comment: '' }, { aspectId: 'a2', value: 1, comment: '' }, { aspectId: 'b1', value: 0, comment: '' }];
    const saved = await h.as(first!, JUDGE)('saveMarks', { entryId: entry, marks, expectedVersion: 0 });
    const again = await h.as(first!, JUDGE)('saveMarks', { entryId: entry, marks, expectedVersion: 0 });
    expect(again.sheet?.version).toBe(saved.sheet?.version);
    await h.as(first!, JUDGE)('submitMarks', { entryId: entry, expectedVersion: 0 });
    await expect(h.as(first!, JUDGE)('saveMarks', { entryId: entry, marks: [{ aspectId: 'a2', value: 2, comment: '' }], expectedVersion: 0 })).rejects.toMatchObject({ code: 'DC_ERR_MARKS_LOCKED' });
    await h.as(second!, JUDGE)('saveMarks', { entryId: entry, marks: [{ aspectId: 'a1', value: 3000, comment: '' }, { aspectId: 'a2', value: 2, comment: '' }, { aspectId: 'b1', value: 3, comment: '' }], expectedVersion: 0 });
    const submitted = await h.as(second!, JUDGE)('submitMarks', { entryId: entry, expectedVersion: 0 });
    expect(submitted.sheet?.flaggedAspectIds).toEqual(['b1']);
    await expect(h.as(chief, JUDGE)('signOff', { entryId: entry })).rejects.toMatchObject({ code: 'DC_ERR_RECONCILIATION_PENDING' });
    await expect(h.as(first!, JUDGE)('signOff', { entryId: entry })).rejects.toMatchObject({ code: 'DC_ERR_JUDGING_FORBIDDEN' });
    await expect(h.as(chief, JUDGE)('resolveAspect', { entryId: entry, aspectId: 'b1', value: 200, reason: '' })).rejects.toMatchObject({ code: 'DC_ERR_REASON_REQUIRED' });
    await h.as(chief, JUDGE)('resolveAspect', { entryId: entry, aspectId: 'b1', value: 200, reason: 'watched the recorded presentation: level 2' });
    const signed = await h.as(chief, JUDGE)('signOff', { entryId: entry });
    // a1 30 + a2 mean(1,2)=1.5 → 20·1.5/3 = 10 + b1 resolved 2 → 40·2/3 = 26.67 → 66.67
    expect(signed.result).toMatchObject({ scoreHundredths: 6667, revision: 1 });
    await expect(h.as(second!, JUDGE)('saveMarks', { entryId: entry, marks: [{ aspectId: 'b1', value: 2, comment: '' }], expectedVersion: 0 })).rejects.toMatchObject({ code: 'DC_ERR_ENTRY_LOCKED' });
  });

  it('refuses to publish while entries are unsigned, then publishes the full ranking on Kafka', async () => {
    await expect(h.as(organizer, ORGANIZER)('publishResults', { competitionId, trackId, revisionReason: '', allowUnfinished: false })).rejects.toMatchObject({ code: 'DC_ERR_RESULTS_UNFINISHED' });
    const values: Record<string, [number, number, number]> = { [regs[0]!]: [4000, 3, 3], [regs[1]!]: [2000, 2, 2], [regs[3]!]: [3000, 2, 2] };
    for (const [entryId, [a1, a2, b1]] of Object.entries(values)) {
      for (const judge of await judgesOf(entryId)) {
        await h.as(judge, JUDGE)('saveMarks', { entryId, marks: [{ aspectId: 'a1', value: a1, comment: '' }, { aspectId: 'a2', value: a2, comment: '' }, { aspectId: 'b1', value: b1, comment: '' }], expectedVersion: 0 });
        await h.as(judge, JUDGE)('submitMarks', { entryId, expectedVersion: 0 });
      }
      await h.as(chief, JUDGE)('signOff', { entryId });
    }
    const published = await h.as(organizer, ORGANIZER)('publishResults', { competitionId, trackId, revisionReason: '', allowUnfinished: false });
    // totals: reg0 40+20+40 = 100; reg3 30+13.33+26.67 = 70; reg2 66.67; reg1 20+13.33+26.67 = 60
    expect(published.results?.standings.map((s) => [s.entryId, s.rank, s.scoreHundredths, s.medal])).toEqual([
      [regs[0], 1, 10000, judgingEventsV1.Medal.MEDAL_GOLD],
      [regs[3], 2, 7000, judgingEventsV1.Medal.MEDAL_SILVER],
      [regs[2], 3, 6667, judgingEventsV1.Medal.MEDAL_BRONZE],
      [regs[1], 4, 6000, judgingEventsV1.Medal.MEDAL_NONE],
    ]);
    // median (70 + 66.67)/2 = 68.335 → 68.34; |deviations| 31.665, 1.665, 1.665, 8.335 → MAD (1.665+8.335)/2 = 5
    expect(published.results?.formula).toBe('700 + 30·(raw − 68.34) / (1.4826·MAD = 1.4826·5)');
    const event = await readJudgingEvent('judging.results-published.v1', trackId);
    const payload = judgingEventsV1.JudgingResultsPublished.decode(event);
    expect(payload.standings.map((s) => s.contestantAccountId)).toEqual(['acct-0', 'acct-3', 'acct-2', 'acct-1']);
    // Consumers (talent profiles) get the standardized scores and the formula that produced them.
    expect(payload.formula).toBe('700 + 30·(raw − 68.34) / (1.4826·MAD = 1.4826·5)');
    expect(payload.standings.map((s) => s.standardizedHundredths)).toEqual(published.results?.standings.map((s) => s.standardizedHundredths));
    expect(payload.standings[0]?.standardizedHundredths).toBeGreaterThan(70000);
  });

  it('a correction after sign-off is a new revision, and republishing emits what changed', async () => {
    const entry = regs[1]!;
    const [judge] = await judgesOf(entry);
    await expect(h.as(chief, JUDGE)('correctEntry', { entryId: entry, corrections: [{ judgeAccountId: judge!, aspectId: 'a1', value: 4000 }], reason: '' })).rejects.toMatchObject({ code: 'DC_ERR_REASON_REQUIRED' });
    const corrected = await h.as(chief, JUDGE)('correctEntry', { entryId: entry, corrections: [{ judgeAccountId: judge!, aspectId: 'a1', value: 4000 }], reason: 'measurement script had the wrong test split' });
    // the two judges' a1 now differ (40 vs 20): the scoring uses the first sheet's measurement
    expect(corrected.result?.revision).toBe(2);
    await expect(h.as(organizer, ORGANIZER)('publishResults', { competitionId, trackId, revisionReason: '', allowUnfinished: false })).rejects.toMatchObject({ code: 'DC_ERR_REASON_REQUIRED' });
    const revised = await h.as(organizer, ORGANIZER)('publishResults', { competitionId, trackId, revisionReason: 'corrected measurement of one entry', allowUnfinished: false });
    expect(revised.results?.revision).toBe(2);
    const event = judgingEventsV1.JudgingResultsRevised.decode(await readJudgingEvent('judging.results-revised.v1', trackId));
    expect(event.changedEntryIds).toContain(entry);
    expect(event.reason).toBe('corrected measurement of one entry');
    expect(event.formula).toBe(revised.results?.formula);
  });

  it('verifies the ledger, and pinpoints a mark changed directly in the database (API and CLI)', async () => {
    const ok = await h.as(organizer, ORGANIZER)('verifyLedger', { competitionId, trackId });
    expect(ok).toMatchObject({ ok: true, failureSeq: 0 });
    expect(ok.records).toBeGreaterThan(15);
    const sheet = await h.db.collection('sheets').findOne({ entryId: regs[3] });
    const record = await h.db.collection('ledger').findOne({ trackId, 'data.sheetId': sheet?._id });
    await h.db.collection('sheets').updateOne({ _id: sheet?._id } as never, { $set: { 'marks.b1': 0 } });
    const tampered = await h.as(organizer, ORGANIZER)('verifyLedger', { competitionId, trackId });
    expect(tampered).toMatchObject({ ok: false, failureSeq: record?.seq, failureReason: 'stored-mark-mismatch' });
    // Editing the ledger record itself breaks its hash at that record.
    await h.db.collection('sheets').updateOne({ _id: sheet?._id } as never, { $set: { 'marks.b1': sheet?.marks.b1 } });
    await h.db.collection('ledger').updateOne({ _id: record?._id } as never, { $set: { 'data.marks.b1': 0 } });
    const cli = path.join(__dirname, '../dist/cli/verify-ledger.js');
    const result = await run(process.execPath, [cli, '--track', trackId, '--database', h.database], { env: { ...process.env } }).catch((e: { code: number; stdout: string }) => e);
    expect(result).toMatchObject({ code: 1 });
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, failure: { seq: record?.seq, reason: 'hash-mismatch' } });
  });
});

async function readJudgingEvent(type: string, trackId: string): Promise<Buffer> {
  const kafka = createKafka({ brokers: parseBrokers(process.env.KAFKA_BROKERS ?? ''), clientId: 'judging-test-reader' });
  const consumer = kafka.consumer({ groupId: `judging-test-${randomUUID()}`, sessionTimeout: 6000 });
  await consumer.connect();
  await consumer.subscribe({ topic: 'digicraft.judging', fromBeginning: true });
  try {
    return await new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${type} for ${trackId}`)), 30_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          const headerType = message.headers?.type?.toString();
          if (headerType === type && message.headers?.subject?.toString() === trackId && message.value) {
            clearTimeout(timer);
            resolve(message.value);
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
}
