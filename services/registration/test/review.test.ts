import { registrationEventsV1 } from '@digicraft/contracts';
import { http } from './support/api';
import { decisionCalls, type DecisionCalls } from './support/decision-calls';
import { openTrack, registerOk, seenBy } from './support/flows';
import { eventsOf, eventsSince, payloadOf, topicMark } from './support/registration-events';
import { startStack, type Stack } from './support/stack';

jest.setTimeout(120_000);

/** Organizer review: registrations wait for a decision; approval takes a seat (or a waitlist place), refusal rejects. */
describe('organizer review (gateway + registration processes, Kafka)', () => {
  let stack: Stack;
  let decide: DecisionCalls;
  beforeAll(async () => {
    stack = await startStack('rev');
    decide = decisionCalls(stack);
  });
  afterAll(async () => {
    await stack.close();
  });

  it('approves into a seat, then into the waitlist once full; rejects with a registration.rejected event', async () => {
    const track = await openTrack(stack, stack.token('org-rev', ['organizer']), { capacity: 1, admissionMode: 'ADMISSION_MODE_REVIEW' });
    const who = ['rev-0', 'rev-1', 'rev-2'];
    const ids: string[] = [];
    for (const [i, w] of who.entries()) {
      const res = await registerOk(stack, track, w, 800 + i);
      expect(res.body.status).toBe('REGISTRATION_STATUS_PENDING_REVIEW');
      ids.push(String(res.body.registrationId));
    }
    const mark = await topicMark();
    // Only the competition's organizer decides; a contestant cannot review at all, not even their own.
    expect(await decide.review(ids[0] as string, 'org-someone-else', 'approve')).toEqual({ http: 403, code: 'DC_ERR_FORBIDDEN' });
    const selfReview = await http(stack.gatewayUrl, 'POST', `/v1/registrations/${ids[0]}/review`, stack.token('rev-0', ['contestant']), { decision: 'approve' });
    expect([selfReview.status, selfReview.body.code]).toEqual([403, 'DC_ERR_FORBIDDEN']);
    // A decision is one of two words, and the reason has a bound; nothing is decided by a bad request.
    const bad = await http(stack.gatewayUrl, 'POST', `/v1/registrations/${ids[0]}/review`, stack.token('org-rev', ['organizer']), { decision: 'maybe', reason: 'x'.repeat(501) });
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['decision', 'reason']);
    expect((await seenBy(stack, ids[0] as string, 'rev-0')).status).toBe('REGISTRATION_STATUS_PENDING_REVIEW');
    expect(await decide.review(ids[0] as string, 'org-rev', 'approve')).toEqual({ http: 200, status: 'REGISTRATION_STATUS_CONFIRMED' });
    expect(await decide.review(ids[1] as string, 'org-rev', 'approve')).toEqual({ http: 200, status: 'REGISTRATION_STATUS_WAITLISTED' });
    expect(await decide.review(ids[2] as string, 'org-rev', 'reject', 'Certificate could not be verified')).toEqual({ http: 200, status: 'REGISTRATION_STATUS_REJECTED' });
    // A decision is final.
    expect(await decide.review(ids[2] as string, 'org-rev', 'approve')).toEqual({ http: 422, code: 'DC_ERR_INVALID_STATE' });

    expect((await seenBy(stack, ids[0] as string, 'rev-0')).status).toBe('REGISTRATION_STATUS_CONFIRMED');
    expect(await seenBy(stack, ids[1] as string, 'rev-1')).toMatchObject({ status: 'REGISTRATION_STATUS_WAITLISTED', position: 1 });
    const rejected = await seenBy(stack, ids[2] as string, 'rev-2');
    expect(rejected.status).toBe('REGISTRATION_STATUS_REJECTED');
    expect(rejected.body.rejectionReason).toBe('REJECTION_REASON_ORGANIZER_DECISION');
    // The organizer's reason reaches the contestant.
    expect(rejected.body.rejectionDetails).toEqual(['Certificate could not be verified']);

    const events = await eventsSince(mark, ids, (seen) => seen.some((e) => e.type === 'registration.rejected.v1'));
    const rejection = eventsOf(events, 'registration.rejected.v1', ids[2] as string);
    expect(rejection).toHaveLength(1);
    expect(payloadOf('registration.rejected.v1', rejection[0] as never)).toMatchObject({ reason: registrationEventsV1.RejectionReason.REJECTION_REASON_ORGANIZER_DECISION, contestantAccountId: 'rev-2' });
    expect(eventsOf(events, 'registration.confirmed.v1', ids[0] as string)).toHaveLength(1);
    expect(eventsOf(events, 'registration.waitlisted.v1', ids[1] as string)).toHaveLength(1);
    // Nobody else was rejected or confirmed.
    expect(events.filter((e) => e.type === 'registration.rejected.v1')).toHaveLength(1);
  });
});
