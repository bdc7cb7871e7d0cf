import { registrationEventsV1 } from '@digicraft/contracts';
import { applicant, http } from './support/api';
import { decisionCalls, type DecisionCalls } from './support/decision-calls';
import { eventually, openTrack, registerOk, seenBy, type OpenTrack } from './support/flows';
import { eventsOf, eventsSince, payloadOf, topicMark } from './support/registration-events';
import { startStack, type Stack } from './support/stack';
import { lapseDeadline } from './support/stored-deadlines';

jest.setTimeout(120_000);

const TEAM_TRACK = { mode: 'TRACK_MODE_TEAM', minTeamSize: 2, maxTeamSize: 3, capacity: 1, teamCompletionHours: 1 };

/** Team tracks: the leader registers and invites; the team holds its seat while members accept, until a deadline. */
describe('teams (gateway + registration processes, Kafka)', () => {
  let stack: Stack;
  let organizer: string;
  let decide: DecisionCalls;
  beforeAll(async () => {
    stack = await startStack('team', {}, { REGISTRATION_SWEEP_INTERVAL_MS: '300' });
    organizer = stack.token('org-team', ['organizer']);
    decide = decisionCalls(stack);
  });
  afterAll(async () => {
    await stack.close();
  });

  const registerTeam = async (track: OpenTrack, leader: string, members: readonly string[], n: number): Promise<string> =>
    String((await registerOk(stack, track, leader, n, { team: { name: `Team ${leader}`, memberAccountIds: members } })).body.registrationId);

  it('holds the seat while the team completes and confirms it when the last member accepts', async () => {
    const track = await openTrack(stack, organizer, TEAM_TRACK);
    const mark = await topicMark();
    const id = await registerTeam(track, 'lead-a', ['mem-a1', 'mem-a2'], 500);
    expect((await seenBy(stack, id, 'lead-a')).status).toBe('REGISTRATION_STATUS_PENDING_TEAM');
    // The incomplete team holds the only seat: the next team waits.
    const queued = await registerTeam(track, 'lead-b', ['mem-b1'], 510);
    expect(await seenBy(stack, queued, 'lead-b')).toMatchObject({ status: 'REGISTRATION_STATUS_WAITLISTED', position: 1 });
    // Invited members see the team among their registrations.
    const mine = await http(stack.gatewayUrl, 'GET', '/v1/me/registrations', stack.token('mem-a1', ['contestant']));
    expect((mine.body.items as { registrationId: string }[]).map((r) => r.registrationId)).toEqual([id]);

    expect(await decide.acceptTeamInvitation(id, 'stranger', 520)).toEqual({ http: 403, code: 'DC_ERR_FORBIDDEN' });
    expect(await decide.acceptTeamInvitation(id, 'mem-a1', 501)).toEqual({ http: 200, status: 'REGISTRATION_STATUS_PENDING_TEAM' });
    expect(await decide.acceptTeamInvitation(id, 'mem-a2', 502)).toEqual({ http: 200, status: 'REGISTRATION_STATUS_CONFIRMED' });
    const team = await seenBy(stack, id, 'mem-a2');
    expect(team.status).toBe('REGISTRATION_STATUS_CONFIRMED');
    expect((team.body.team as { acceptedAccountIds: string[] }).acceptedAccountIds).toEqual(['lead-a', 'mem-a1', 'mem-a2']);

    const events = await eventsSince(mark, [id], (seen) => seen.some((e) => e.type === 'registration.confirmed.v1'));
    const confirmed = eventsOf(events, 'registration.confirmed.v1', id);
    expect(confirmed).toHaveLength(1);
    expect(payloadOf('registration.confirmed.v1', confirmed[0] as never)).toMatchObject({ memberAccountIds: ['lead-a', 'mem-a1', 'mem-a2'], teamName: 'Team lead-a' });
  });

  it('releases an incomplete team’s seat after the completion deadline and promotes the waiting team, which must complete in turn', async () => {
    const track = await openTrack(stack, organizer, TEAM_TRACK);
    const late = await registerTeam(track, 'lead-c', ['mem-c1', 'mem-c2'], 530);
    const waiting = await registerTeam(track, 'lead-d', ['mem-d1'], 540);
    expect(await decide.acceptTeamInvitation(late, 'mem-c1', 531)).toEqual({ http: 200, status: 'REGISTRATION_STATUS_PENDING_TEAM' });
    const mark = await topicMark();
    await lapseDeadline(stack, late, 'team');

    const released = await eventually(() => seenBy(stack, late, 'lead-c'), (v) => v.status === 'REGISTRATION_STATUS_REJECTED', 15_000, 'team released');
    expect(released.body.rejectionReason).toBe('REJECTION_REASON_TEAM_INVALID');
    expect(await decide.acceptTeamInvitation(late, 'mem-c2', 532)).toEqual({ http: 422, code: 'DC_ERR_INVALID_STATE' });
    // The waiting team got the seat, and holds it while its own member accepts (it is not confirmed unseen).
    const promoted = await eventually(() => seenBy(stack, waiting, 'lead-d'), (v) => v.status !== 'REGISTRATION_STATUS_WAITLISTED', 15_000, 'waiting team promoted');
    expect(promoted.status).toBe('REGISTRATION_STATUS_PENDING_TEAM');
    expect(Date.parse(String((promoted.body.team as { completeBy: string }).completeBy))).toBeGreaterThan(Date.now() + 50 * 60_000);
    expect(await decide.acceptTeamInvitation(waiting, 'mem-d1', 541)).toEqual({ http: 200, status: 'REGISTRATION_STATUS_CONFIRMED' });

    const events = await eventsSince(mark, [late, waiting], (seen) => seen.some((e) => e.type === 'registration.confirmed.v1'));
    const rejected = eventsOf(events, 'registration.rejected.v1', late);
    expect(rejected).toHaveLength(1);
    expect(payloadOf('registration.rejected.v1', rejected[0] as never).reason).toBe(registrationEventsV1.RejectionReason.REJECTION_REASON_TEAM_INVALID);
    expect(eventsOf(events, 'registration.promoted.v1', waiting)).toHaveLength(1);
    expect(eventsOf(events, 'registration.confirmed.v1', waiting)).toHaveLength(1);
  });

  it('refuses a team of the wrong size, naming the field (and the service keeps running)', async () => {
    const track = await openTrack(stack, organizer, TEAM_TRACK);
    const res = await http(stack.gatewayUrl, 'POST', track.registrations, stack.token('lead-e', ['contestant']), { applicant: applicant(550), team: { name: 'Too many', memberAccountIds: ['e1', 'e2', 'e3'] } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'team.memberAccountIds', message: 'a team has 2 to 3 members including the leader (got 4)' }]);
    expect((await http(stack.gatewayUrl, 'GET', `/v1/competitions/${track.competitionId}`)).status).toBe(200);
  });
});
