import { Kafka, logLevel } from 'kafkajs';
import { closeStore, connectStore } from '@digicraft/store';
import { createLogger } from '@digicraft/logging';
import { registrationCollections } from '../src/store/models';
import { applicant, http, publishedTrack, type Answer } from './support/api';
import { startStack, type Stack } from './support/stack';

jest.setTimeout(240_000);

const TOPIC = 'digicraft.registration';

async function storeView(stack: Stack, trackId: string) {
  const conn = await connectStore({ url: stack.mongoUrl, dbName: stack.registrationDb, logger: createLogger({ service: 'test', level: 'silent' }) });
  try {
    const c = registrationCollections(conn);
    const regs = await c.registrations.find({ trackId }).toArray();
    const counter = await c.trackCounters.findOne({ _id: trackId });
    return { regs, counter };
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
    const { regs, counter } = await storeView(stack, trackId);
    const confirmed = regs.filter((r) => r.status === 'confirmed');
    expect(confirmed).toHaveLength(20);
    expect(confirmed.filter((r) => r.applicant.province === 'BJ').length).toBeLessThanOrEqual(5);
    expect(counter?.confirmed).toBe(20);
    // Positions handed out in the answers follow the acceptance sequence stored with each registration.
    const waiting = regs.filter((r) => r.status === 'waitlisted').sort((a, b) => (a.waitSeq ?? 0) - (b.waitSeq ?? 0));
    expect(waiting).toHaveLength(60);
    const positionById = new Map(answers.map((a) => [String(a.body.registrationId), Number(a.body.waitlistPosition ?? 0)]));
    const positions = waiting.map((w) => positionById.get(w._id) ?? -1);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    // Withdrawing a confirmed GD seat promotes the first waitlisted whose quota has room.
    const gdConfirmed = confirmed.find((r) => r.applicant.province === 'GD');
    const owner = stack.token(gdConfirmed?.contestantAccountId ?? '', ['contestant']);
    const withdrawn = await http(stack.gatewayUrl, 'POST', `/v1/registrations/${gdConfirmed?._id ?? ''}/withdraw`, owner);
    expect(withdrawn.body.status).toBe('REGISTRATION_STATUS_WITHDRAWN');
    const firstGd = waiting.find((w) => w.applicant.province === 'GD');
    const after = await storeView(stack, trackId);
    expect(after.regs.find((r) => r._id === firstGd?._id)?.status).toBe('confirmed');
    expect(after.regs.filter((r) => r.status === 'confirmed')).toHaveLength(20);
  });

  it('accepts exactly one of simultaneous identical registrations', async () => {
    const { competitionId, trackId } = await publishedTrack(stack.gatewayUrl, organizer, { capacity: 5 });
    const token = stack.token('same-person', ['contestant']);
    const answers = await Promise.all(Array.from({ length: 20 }, () => http(stack.gatewayUrl, 'POST', `/v1/competitions/${competitionId}/tracks/${trackId}/registrations`, token, { applicant: applicant(7) })));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.code === 'DC_ERR_ALREADY_REGISTERED')).toBe(true);
    const { regs, counter } = await storeView(stack, trackId);
    expect(regs).toHaveLength(1);
    expect(counter?.confirmed).toBe(1);
  });

  it('reports every failing eligibility rule as problem+json fields', async () => {
    const { competitionId, trackId } = await publishedTrack(stack.gatewayUrl, organizer, { eligibility: { minAge: 18, maxAge: 20, regionCodes: ['SH'] } });
    const res = await http(stack.gatewayUrl, 'POST', `/v1/competitions/${competitionId}/tracks/${trackId}/registrations`, stack.token('old', ['contestant']), { applicant: applicant(3) });
    expect(res.status).toBe(422);
    expect((res.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['applicant.birthDate', 'applicant.province']);
  });

  it('survives kill -9 mid-burst: every 2xx registration is there, counters match, one confirmed/waitlisted event each', async () => {
    const kafka = new Kafka({ brokers: [process.env.KAFKA_BROKERS ?? '127.0.0.1:19092'], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    const startOffsets = await admin.fetchTopicOffsets(TOPIC);
    await admin.disconnect();
    const { competitionId, trackId } = await publishedTrack(stack.gatewayUrl, organizer, { capacity: 30 });
    const path = `/v1/competitions/${competitionId}/tracks/${trackId}/registrations`;
    const answers: Answer[] = [];
    const burst = Promise.all(
      Array.from({ length: 120 }, async (_, i) => {
        const a = await http(stack.gatewayUrl, 'POST', path, stack.token(`crash-${i}`, ['contestant']), { applicant: applicant(5000 + i) }).catch(() => undefined);
        if (a) answers.push(a);
      }),
    );
    await new Promise((r) => setTimeout(r, 400));
    await stack.restartRegistration('SIGKILL');
    await burst;
    const ok = answers.filter((a) => a.status === 201).map((a) => String(a.body.registrationId));
    expect(ok.length).toBeGreaterThan(0);
    const { regs, counter } = await storeView(stack, trackId);
    const ids = new Set(regs.map((r) => r._id));
    expect(ok.filter((id) => !ids.has(id))).toEqual([]);
    expect(counter?.confirmed).toBe(regs.filter((r) => r.seatHeld).length);
    expect(regs.filter((r) => r.status === 'confirmed').length).toBeLessThanOrEqual(30);
    // Count events by subject; the relay's sweep republishes what the killed process left unsent.
    const counts = new Map<string, number>();
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
          counts.set(subject, (counts.get(subject) ?? 0) + 1);
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
    const missing = [...wanted].filter((id) => counts.get(id) === undefined);
    const doubled = [...counts.entries()].filter(([, n]) => n !== 1);
    expect({ missing, doubled }).toEqual({ missing: [], doubled: [] });
  });
});
