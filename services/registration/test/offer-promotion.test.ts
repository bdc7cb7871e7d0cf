import { registrationEventsV1 } from '@digicraft/contracts';
import { http } from './support/api';
import { decisionCalls, type DecisionCalls } from './support/decision-calls';
import { eventually, openTrack, registerOk, seenBy, type OpenTrack } from './support/flows';
import { eventsOf, eventsSince, payloadOf, topicMark } from './support/registration-events';
import { startStack, type Stack } from './support/stack';
import { lapseDeadline } from './support/stored-deadlines';

jest.setTimeout(120_000);

/** Tracks that promote by offer: the freed seat is held for the first in line until they accept or the offer lapses. */
describe('promotion by offer (gateway + registration processes, Kafka)', () => {
  let stack: Stack;
  let organizer: string;
  let decide: DecisionCalls;
  beforeAll(async () => {
    stack = await startStack('offer', {}, { REGISTRATION_SWEEP_INTERVAL_MS: '300' });
    organizer = stack.token('org-offer', ['organizer']);
    decide = decisionCalls(stack);
  });
  afterAll(async () => {
    await stack.close();
  });

  /** One seat taken and two people waiting; the seated one withdraws. */
  async function seatFreedOnOfferTrack(tag: string): Promise<{ track: OpenTrack; ids: string[]; who: string[] }> {
    const track = await openTrack(stack, organizer, { capacity: 1, promotionMode: 'PROMOTION_MODE_OFFER', offerAcceptanceHours: 2 });
    const who = [`${tag}-seated`, `${tag}-first`, `${tag}-second`];
    const ids: string[] = [];
    for (const [i, w] of who.entries()) ids.push(String((await registerOk(stack, track, w, 400 + i)).body.registrationId));
    const res = await http(stack.gatewayUrl, 'POST', `/v1/registrations/${ids[0]}/withdraw`, stack.token(who[0] as string, ['contestant']));
    expect(res.body.status).toBe('REGISTRATION_STATUS_WITHDRAWN');
    return { track, ids, who };
  }

  it('offers the freed seat to the first in line with an acceptance deadline; accepting confirms it', async () => {
    const mark = await topicMark();
    const { ids, who } = await seatFreedOnOfferTrack('acc');
    const offered = await seenBy(stack, ids[1] as string, who[1] as string);
    expect(offered.status).toBe('REGISTRATION_STATUS_OFFERED');
    const expiresIn = Date.parse(String(offered.body.offerExpiresAt)) - Date.now();
    expect(expiresIn).toBeGreaterThan(1.9 * 3_600_000);
    expect(expiresIn).toBeLessThanOrEqual(2 * 3_600_000);
    // The second keeps waiting, now first in line.
    expect(await seenBy(stack, ids[2] as string, who[2] as string)).toMatchObject({ status: 'REGISTRATION_STATUS_WAITLISTED', position: 1 });
    // Only the offered contestant may accept.
    expect(await decide.acceptOffer(ids[1] as string, who[2] as string)).toEqual({ http: 403, code: 'DC_ERR_FORBIDDEN' });
    expect(await decide.acceptOffer(ids[1] as string, who[1] as string)).toEqual({ http: 200, status: 'REGISTRATION_STATUS_CONFIRMED' });
    expect((await seenBy(stack, ids[1] as string, who[1] as string)).status).toBe('REGISTRATION_STATUS_CONFIRMED');
    expect(await decide.acceptOffer(ids[1] as string, who[1] as string)).toEqual({ http: 422, code: 'DC_ERR_INVALID_STATE' });

    const events = await eventsSince(mark, [ids[1] as string], (seen) => seen.some((e) => e.type === 'registration.confirmed.v1' && e.subject === ids[1]));
    const promoted = eventsOf(events, 'registration.promoted.v1', ids[1] as string);
    const confirmed = eventsOf(events, 'registration.confirmed.v1', ids[1] as string);
    expect(promoted).toHaveLength(1);
    expect(confirmed).toHaveLength(1);
    expect(payloadOf('registration.confirmed.v1', confirmed[0] as never).promotedFromWaitlist).toBe(true);
  });

  it('lets an unaccepted offer lapse: it is withdrawn and the seat is offered to the next in line', async () => {
    const { ids, who } = await seatFreedOnOfferTrack('lapse');
    expect((await seenBy(stack, ids[1] as string, who[1] as string)).status).toBe('REGISTRATION_STATUS_OFFERED');
    const mark = await topicMark();
    await lapseDeadline(stack, ids[1] as string, 'offer');
    const next = await eventually(() => seenBy(stack, ids[2] as string, who[2] as string), (v) => v.status === 'REGISTRATION_STATUS_OFFERED', 15_000, 'offer passed on');
    expect(Date.parse(String(next.body.offerExpiresAt))).toBeGreaterThan(Date.now() + 3_600_000);
    expect((await seenBy(stack, ids[1] as string, who[1] as string)).status).toBe('REGISTRATION_STATUS_WITHDRAWN');
    // Too late to accept now.
    expect(await decide.acceptOffer(ids[1] as string, who[1] as string)).toEqual({ http: 422, code: 'DC_ERR_INVALID_STATE' });

    const events = await eventsSince(mark, [ids[1] as string, ids[2] as string], (seen) => seen.some((e) => e.type === 'registration.promoted.v1'));
    const lapsed = eventsOf(events, 'registration.withdrawn.v1', ids[1] as string);
    expect(lapsed).toHaveLength(1);
    expect(payloadOf('registration.withdrawn.v1', lapsed[0] as never).previousStatus).toBe(registrationEventsV1.RegistrationStatus.REGISTRATION_STATUS_OFFERED);
    expect(payloadOf('registration.promoted.v1', eventsOf(events, 'registration.promoted.v1', ids[2] as string)[0] as never).freedByRegistrationId).toBe(ids[1]);
    // An offer is not a confirmation: nothing confirmed yet.
    expect(events.filter((e) => e.type === 'registration.confirmed.v1')).toEqual([]);
  });
});
