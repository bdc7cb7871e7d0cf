import { registrationEventsV1 } from '@digicraft/contracts';
import { applicant, http, iso } from './support/api';
import { eventually, openTrack, registerOk, seenBy } from './support/flows';
import { eventsOf, eventsSince, markAfterEvents, payloadOf, topicMark } from './support/registration-events';
import { startStack, type Stack } from './support/stack';

jest.setTimeout(120_000);

/** Withdrawal frees the seat for the first eligible person waiting; the queue behind moves up. */
describe('withdrawal and automatic promotion (gateway + registration processes, Kafka)', () => {
  let stack: Stack;
  let organizer: string;
  beforeAll(async () => {
    stack = await startStack('wdr');
    organizer = stack.token('org-wdr', ['organizer']);
  });
  afterAll(async () => {
    await stack.close();
  });

  it('promotes the first ELIGIBLE waitlisted registration, moves the ones behind it up, and publishes one withdrawn and one promoted event', async () => {
    // Two seats, at most one for Beijing. Waiting: a BJ applicant first (blocked by the quota), then two GD.
    const track = await openTrack(stack, organizer, { capacity: 2, quotas: [{ dimension: 'province', value: 'BJ', maxConfirmed: 1 }] });
    const people = [
      { who: 'wdr-gd-seated', province: 'GD' },
      { who: 'wdr-bj-seated', province: 'BJ' },
      { who: 'wdr-bj-waiting', province: 'BJ' },
      { who: 'wdr-gd-waiting-1', province: 'GD' },
      { who: 'wdr-gd-waiting-2', province: 'GD' },
    ];
    const before = await topicMark();
    const ids: string[] = [];
    for (const [i, p] of people.entries()) {
      const res = await registerOk(stack, track, p.who, 100 + i, { applicant: applicant(100 + i, { province: p.province }) });
      ids.push(String(res.body.registrationId));
    }
    const view = async (i: number) => seenBy(stack, ids[i] as string, people[i]?.who as string);
    expect((await Promise.all([0, 1, 2, 3, 4].map(view))).map((v) => [v.status, v.position])).toEqual([
      ['REGISTRATION_STATUS_CONFIRMED', 0],
      ['REGISTRATION_STATUS_CONFIRMED', 0],
      ['REGISTRATION_STATUS_WAITLISTED', 1],
      ['REGISTRATION_STATUS_WAITLISTED', 2],
      ['REGISTRATION_STATUS_WAITLISTED', 3],
    ]);

    const mark = await markAfterEvents(before, ids, people.length);
    const res = await http(stack.gatewayUrl, 'POST', `/v1/registrations/${ids[0]}/withdraw`, stack.token(people[0]?.who as string, ['contestant']));
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('REGISTRATION_STATUS_WITHDRAWN');

    // The BJ applicant keeps first place (the BJ quota is still full); the first GD one takes the seat.
    expect((await Promise.all([0, 1, 2, 3, 4].map(view))).map((v) => [v.status, v.position])).toEqual([
      ['REGISTRATION_STATUS_WITHDRAWN', 0],
      ['REGISTRATION_STATUS_CONFIRMED', 0],
      ['REGISTRATION_STATUS_WAITLISTED', 1],
      ['REGISTRATION_STATUS_CONFIRMED', 0],
      ['REGISTRATION_STATUS_WAITLISTED', 2],
    ]);
    // The public counts follow (they are cached for up to a second).
    const counts = async () => (await http(stack.gatewayUrl, 'GET', `/v1/competitions/${track.competitionId}`)).body.stats as { confirmed: number; waitlisted: number }[];
    await eventually(counts, (s) => s[0]?.confirmed === 2 && s[0]?.waitlisted === 2, 5_000, 'counts 2 confirmed / 2 waiting');

    const [withdrawnId, promotedId] = [ids[0] as string, ids[3] as string];
    const events = await eventsSince(mark, ids, (seen) => seen.some((e) => e.type === 'registration.promoted.v1') && seen.some((e) => e.type === 'registration.withdrawn.v1'));
    const withdrawn = eventsOf(events, 'registration.withdrawn.v1', withdrawnId);
    const promoted = eventsOf(events, 'registration.promoted.v1', promotedId);
    expect(withdrawn).toHaveLength(1);
    expect(promoted).toHaveLength(1);
    expect(payloadOf('registration.withdrawn.v1', withdrawn[0] as never).previousStatus).toBe(registrationEventsV1.RegistrationStatus.REGISTRATION_STATUS_CONFIRMED);
    // Automatic mode: the promotion confirms at once, and is that state change's one event (with
    // the affiliation judging checks conflicts against); nobody else moved.
    expect(payloadOf('registration.promoted.v1', promoted[0] as never)).toMatchObject({
      previousWaitlistPosition: 2,
      freedByRegistrationId: withdrawnId,
      status: registrationEventsV1.RegistrationStatus.REGISTRATION_STATUS_CONFIRMED,
    });
    expect(payloadOf('registration.promoted.v1', promoted[0] as never).province).not.toBe('');
    expect(eventsOf(events, 'registration.confirmed.v1', promotedId)).toHaveLength(0);
    expect(events.filter((e) => e.subject !== withdrawnId && e.subject !== promotedId)).toEqual([]);
  });

  it('withdrawing from the waitlist moves the ones behind up and promotes nobody', async () => {
    const track = await openTrack(stack, organizer, { capacity: 1 });
    const who = ['wl-seated', 'wl-first', 'wl-second', 'wl-third'];
    const before = await topicMark();
    const ids: string[] = [];
    for (const [i, w] of who.entries()) ids.push(String((await registerOk(stack, track, w, 200 + i)).body.registrationId));
    const mark = await markAfterEvents(before, ids, who.length);
    const res = await http(stack.gatewayUrl, 'POST', `/v1/registrations/${ids[1]}/withdraw`, stack.token('wl-first', ['contestant']));
    expect(res.body.status).toBe('REGISTRATION_STATUS_WITHDRAWN');
    expect((await seenBy(stack, ids[2] as string, 'wl-second')).position).toBe(1);
    expect((await seenBy(stack, ids[3] as string, 'wl-third')).position).toBe(2);
    expect((await seenBy(stack, ids[0] as string, 'wl-seated')).status).toBe('REGISTRATION_STATUS_CONFIRMED');
    const events = await eventsSince(mark, ids, (seen) => seen.length > 0, 15_000);
    expect(events.map((e) => [e.type, e.subject])).toEqual([['registration.withdrawn.v1', ids[1]]]);
  });

  it('refuses a withdrawal after the withdrawal deadline with DC_ERR_WITHDRAWAL_CLOSED, and the seat stays held', async () => {
    // Registration is still open, but the withdrawal deadline has just passed.
    const track = await openTrack(stack, organizer, { capacity: 5 }, { withdrawalDeadline: iso(Date.now() - 1_000) });
    const id = String((await registerOk(stack, track, 'late-quitter', 300)).body.registrationId);
    const res = await http(stack.gatewayUrl, 'POST', `/v1/registrations/${id}/withdraw`, stack.token('late-quitter', ['contestant']));
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('DC_ERR_WITHDRAWAL_CLOSED');
    expect(String(res.body.detail)).toMatch(/Withdrawal closed at \d{4}-\d{2}-\d{2}T/);
    expect((await seenBy(stack, id, 'late-quitter')).status).toBe('REGISTRATION_STATUS_CONFIRMED');
  });
});
