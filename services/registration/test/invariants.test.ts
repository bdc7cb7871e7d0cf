import { Kafka, logLevel } from 'kafkajs';
import { closeStore, connectStore } from '@digicraft/store';
import { createLogger } from '@digicraft/logging';
import { registrationCollections } from '../src/store/models';
import { seatNumber } from '../src/store/seat-keys';
import { applicant, http, publishedTrack, type Answer } from './support/api';
import { startStack, type Stack } from './support/stack';

jest.setTimeout(240_000);

const TOPIC = 'digicraft.registration';

async function storeView(stack: Stack, trackId: string) {
  const conn = await connectStore({ url: stack.mongoUrl, dbName: stack.registrationDb, logger: createLogger({ service: 'test', level: 'silent' }) });
  try {
    const c = registrationCollections(conn);
    const regs = await c.registrations.find({ trackId }).toArray();
    // Seat numbers held: the unique index makes each one held at most once; all must be within capacity.
    const seats = regs.map((r) => seatNumber(r.seat, trackId, 'confirmed')).filter((n): n is number => n !== undefined);
    return { regs, seats };
  } finally {
    await closeStore(conn);
  }
}

describe('registration invariants against the real stack (gateway + registration processes)', () => {
  let stack: Stack;
  let organizer: string;
  beforeAll(async () => {
    stack = await startStack('inv');
    organizer = stack.token('org-inv', ['organizer']);
  });
  afterAll(async () => {
    await stack.close();
  });

  it('never confirms more than capacity or a province quota under a concurrent burst, and the waitlist keeps acceptance order', async () => {
    const { competitionId, trackId } = await publishedTrack(stack.gatewayUrl, organizer, { capacity: 20, quotas: [{ dimension: 'province', value: 'BJ', maxConfirmed: 5 }] });
    const path = `/v1/competitions/${competitionId}/tracks/${trackId}/registrations`;
    const answers = await Promise.all(
      Array.from({ length: 80 }, (_, i) => http(stack.gatewayUrl, 'POST', path, stack.token(`burst-${i}`, ['contestant']), { applicant: applicant(1000 + i, { province: i % 2 === 0 ? 'BJ' : 'GD' }) })),
    );
    expect(answers.every((a) => a.status === 201)).toBe(true);
    const { regs, seats } = await storeView(stack, trackId);
    const confirmed = regs.filter((r) => r.status === 'confirmed');
    expect(confirmed).toHaveLength(20);
    expect(confirmed.filter((r) => r.applicant.province === 'BJ').length).toBeLessThanOrEqual(5);
    expect(Math.max(...seats)).toBeLessThanOrEqual(20);
    expect(new Set(seats).size).toBe(20);
    const waiting = regs.filter((r) => r.status === 'waitlisted').sort((a, b) => (a.waitSeq ?? 0) - (b.waitSeq ?? 0));
    expect(waiting).toHaveLength(60);
    // Acceptance order: requests sent one after another once the burst was answered queue behind
    // everyone from the burst, in the order they were sent.
    const late: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const a = await http(stack.gatewayUrl, 'POST', path, stack.token(`late-${i}`, ['contestant']), { applicant: applicant(2000 + i, { province: 'BJ' }) });
      expect(a.body.status).toBe('REGISTRATION_STATUS_WAITLISTED');
      expect(a.body.waitlistPosition).toBe(61 + i);
      late.push(String(a.body.registrationId));
    }
    const lateSeqs = (await storeView(stack, trackId)).regs.filter((r) => late.includes(r._id)).sort((a, b) => late.indexOf(a._id) - late.indexOf(b._id)).map((r) => r.waitSeq ?? 0);
    expect(lateSeqs).toEqual([...lateSeqs].sort((a, b) => a - b));
    expect(Math.min(...lateSeqs)).toBeGreaterThan(Math.max(...waiting.map((w) => w.waitSeq ?? 0)));
    // Each waiting registration sees its place: 1..n in acceptance (queue number) order.
    const positionOf = async (id: string, account: string) => Number((await http(stack.gatewayUrl, 'GET', `/v1/registrations/${id}`, stack.token(account, ['contestant']))).body.waitlistPosition ?? 0);
    const before = await Promise.all(waiting.slice(0, 5).map((w) => positionOf(w._id, w.contestantAccountId)));
    expect(before).toEqual([1, 2, 3, 4, 5]);
    // Withdrawing a confirmed GD seat promotes the first waitlisted whose quota has room (BJ is full).
    const gdConfirmed = confirmed.find((r) => r.applicant.province === 'GD');
    const owner = stack.token(gdConfirmed?.contestantAccountId ?? '', ['contestant']);
    const withdrawn = await http(stack.gatewayUrl, 'POST', `/v1/registrations/${gdConfirmed?._id ?? ''}/withdraw`, owner);
    expect(withdrawn.body.status).toBe('REGISTRATION_STATUS_WITHDRAWN');
    const firstGd = waiting.find((w) => w.applicant.province === 'GD');
    const after = await storeView(stack, trackId);
    expect(after.regs.find((r) => r._id === firstGd?._id)?.status).toBe('confirmed');
    expect(after.regs.filter((r) => r.status === 'confirmed')).toHaveLength(20);
    expect(new Set(after.seats).size).toBe(20);
    // The positions behind the promoted one moved up by one; those ahead kept theirs.
    const promotedAt = waiting.findIndex((w) => w._id === firstGd?._id);
    const stillWaiting = waiting.filter((w) => w._id !== firstGd?._id).slice(0, 5);
    const now = await Promise.all(stillWaiting.map((w) => positionOf(w._id, w.contestantAccountId)));
    expect(now).toEqual([1, 2, 3, 4, 5]);
    expect(promotedAt).toBeGreaterThanOrEqual(0);
  });

  it('accepts exactly one of simultaneous identical registrations', async () => {
    const { competitionId, trackId } = await publishedTrack(stack.gatewayUrl, organizer, { capacity: 5 });
    const token = stack.token('same-person', ['contestant']);
    const answers = await Promise.all(Array.from({ length: 20 }, () => http(stack.gatewayUrl, 'POST', `/v1/competitions/${competitionId}/tracks/${trackId}/registrations`, token, { applicant: applicant(7) })));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.code === 'DC_ERR_ALREADY_REGISTERED')).toBe(true);
    const { regs, seats } = await storeView(stack, trackId);
    expect(regs).toHaveLength(1);
    // The losers' seats came back: the one registration holds a seat, not a waitlist place.
    expect(regs[0]?.status).toBe('confirmed');
    expect(seats).toHaveLength(1);
  });

  it('reports every failing eligibility rule as problem+json fields', async () => {
    const { competitionId, trackId } = await publishedTrack(stack.gatewayUrl, organizer, { eligibility: { minAge: 18, maxAge: 20, regionCodes: ['SH'] } });
    const res = await http(stack.gatewayUrl, 'POST', `/v1/competitions/${competitionId}/tracks/${trackId}/registrations`, stack.token('old', ['contestant']), { applicant: applicant(3) });
    expect(res.status).toBe(422);
    expect((res.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['applicant.birthDate', 'applicant.province']);
  });

  it('survives kill -9 mid-burst: every 2xx registration is there, no seat lost or held twice, one confirmed/waitlisted event each', async () => {
    const kafka = new Kafka({ brokers: [process.env.KAFKA_BROKERS ?? '127.0.0.1:19092'], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    const startOffsets = await admin.fetchTopicOffsets(TOPIC);
    await admin.disconnect();
    const { competitionId, trackId } = await publishedTrack(stack.gatewayUrl, organizer, { capacity: 30 });
    const path = `/v1/competitions/${competitionId}/tracks/${trackId}/registrations`;
    const answers: Answer[] = [];
    const total = 300;
    let killAt = -1;
    let signalKill: () => void = () => undefined;
    const twentyAnswered = new Promise<void>((resolve) => (signalKill = resolve));
    const burst = Promise.all(
      Array.from({ length: total }, async (_, i) => {
        const a = await http(stack.gatewayUrl, 'POST', path, stack.token(`crash-${i}`, ['contestant']), { applicant: applicant(5000 + i) }).catch(() => undefined);
        if (a) answers.push(a);
        if (answers.length >= 20) signalKill();
      }),
    );
    await twentyAnswered;
    killAt = answers.length;
    await stack.restartRegistration('SIGKILL');
    await burst;
    // The kill really happened mid-burst: requests were still in flight.
    expect(killAt).toBeLessThan(total);
    const ok = answers.filter((a) => a.status === 201).map((a) => String(a.body.registrationId));
    if (ok.length === 0) throw new Error(`no 2xx: ${JSON.stringify(answers.map((a) => [a.status, a.text.slice(0, 120)]).slice(0, 5))}`);
    const { regs, seats } = await storeView(stack, trackId);
    const ids = new Set(regs.map((r) => r._id));
    expect(ok.filter((id) => !ids.has(id))).toEqual([]);
    // No seat counted twice (distinct numbers within capacity) and none lost: people wait only if all 30 are held.
    const confirmedCount = regs.filter((r) => r.status === 'confirmed').length;
    expect(seats.length).toBe(confirmedCount);
    expect(new Set(seats).size).toBe(seats.length);
    expect(Math.max(...seats)).toBeLessThanOrEqual(30);
    if (regs.some((r) => r.status === 'waitlisted')) expect(confirmedCount).toBe(30);
    // Count events by subject; the relay's sweep republishes what the killed process left unsent.
    // Distinct event ids per registration and type: the relay is at-least-once, so a message the
    // killed process published but had not marked sent is republished with the SAME id (consumers
    // dedupe by id); a second event would carry a new id.
    const counts = new Map<string, { confirmed: Set<string>; waitlisted: Set<string> }>();
    const consumer = kafka.consumer({ groupId: `inv-${Date.now()}`, sessionTimeout: 10_000 });
    await consumer.connect();
    await consumer.subscribe({ topic: TOPIC });
    const wanted = new Set(regs.map((r) => r._id));
    const done = new Promise<void>((resolve) => {
      const deadline = setTimeout(resolve, 60_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          const type = message.headers?.type?.toString();
          const subject = message.headers?.subject?.toString() ?? '';
          if (!wanted.has(subject) || (type !== 'registration.confirmed.v1' && type !== 'registration.waitlisted.v1')) return;
          const c = counts.get(subject) ?? { confirmed: new Set<string>(), waitlisted: new Set<string>() };
          const eventId = message.headers?.id?.toString() ?? '';
          if (type === 'registration.confirmed.v1') c.confirmed.add(eventId);
          else c.waitlisted.add(eventId);
          counts.set(subject, c);
          if (counts.size === wanted.size) {
            clearTimeout(deadline);
            setTimeout(resolve, 3_000);
          }
        },
      });
    });
    for (const p of startOffsets) consumer.seek({ topic: TOPIC, partition: p.partition, offset: p.offset });
    await done;
    await consumer.disconnect();
    // Exactly one event per state reached: confirmed ones one confirmed event (plus one waitlisted
    // event if they were promoted from the queue), waitlisted ones one waitlisted event and no confirmed.
    const wrong = regs
      .map((r) => ({ id: r._id, status: r.status, got: { confirmed: counts.get(r._id)?.confirmed.size ?? 0, waitlisted: counts.get(r._id)?.waitlisted.size ?? 0 } }))
      .filter(({ status, got }) => (status === 'confirmed' ? got.confirmed !== 1 || got.waitlisted > 1 : got.confirmed !== 0 || got.waitlisted !== 1));
    expect(wrong).toEqual([]);
  });
});
