import { applicant, http } from './support/api';
import { openTrack, registerOk, seenBy } from './support/flows';
import { eventsOf, eventsSince, payloadOf, topicMark } from './support/registration-events';
import { startStack, type Stack } from './support/stack';
import { endCompetition } from './support/stored-deadlines';

jest.setTimeout(120_000);

/** Archiving closes a competition's lifecycle: refused until it has ended, then final. */
describe('archiving a competition (gateway + registration processes, Kafka)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack('arc');
  });
  afterAll(async () => {
    await stack.close();
  });

  const listedIds = async (token?: string): Promise<string[]> => {
    const res = await http(stack.gatewayUrl, 'GET', '/v1/competitions?pageSize=100', token);
    expect(res.status).toBe(200);
    return (res.body.items as { id: string }[]).map((c) => c.id);
  };

  it('is refused before the end and to another organizer; afterwards the competition is archived, with one event, and frozen', async () => {
    const organizer = stack.token('org-arc', ['organizer']);
    const reader = stack.token('reader-arc', ['contestant']);
    const track = await openTrack(stack, organizer, { capacity: 5 });
    const id = track.competitionId;
    const archive = (token: string, body?: unknown) => http(stack.gatewayUrl, 'POST', `/v1/competitions/${id}/archive`, token, body);
    const seated = String((await registerOk(stack, track, 'arc-0', 1)).body.registrationId);

    // Still running: nothing changes, and the answer says why.
    const early = await archive(organizer);
    expect([early.status, early.body.code]).toEqual([422, 'DC_ERR_COMPETITION_NOT_ENDED']);
    expect(String(early.body.detail ?? early.body.title)).toMatch(/ends at/);
    expect(await listedIds(reader)).toContain(id);

    await endCompetition(stack, id);
    const before = await http(stack.gatewayUrl, 'GET', `/v1/competitions/${id}`, reader);
    expect(before.body.status).toBe('COMPETITION_STATUS_PUBLISHED');
    const version = Number(before.body.version);

    // Another organizer may not, nor may a contestant; a stale version is a conflict.
    const foreign = await archive(stack.token('org-other', ['organizer']));
    expect([foreign.status, foreign.body.code]).toEqual([403, 'DC_ERR_FORBIDDEN']);
    expect((await archive(stack.token('arc-0', ['contestant']))).status).toBe(403);
    const stale = await archive(organizer, { expectedVersion: version - 1 });
    expect([stale.status, stale.body.code]).toEqual([409, 'DC_ERR_VERSION_CONFLICT']);
    const unknownField = await archive(organizer, { expectedVersion: version, reason: 'x' });
    expect(unknownField.status).toBe(400);

    const mark = await topicMark();
    const archived = await archive(organizer, { expectedVersion: version });
    expect(archived.status).toBe(200);
    expect(archived.body).toMatchObject({ competitionId: id, status: 'COMPETITION_STATUS_ARCHIVED', version: version + 1 });
    expect(archived.body.registrationOpen ?? false).toBe(false);
    expect(Date.parse(String(archived.body.archivedAt))).toBeGreaterThan(Date.now() - 60_000);
    const again = await archive(organizer);
    expect([again.status, again.body.code]).toEqual([422, 'DC_ERR_COMPETITION_ARCHIVED']);

    const events = await eventsSince(mark, [id], (seen) => seen.some((e) => e.type === 'competition.archived.v1'));
    const archivedEvents = eventsOf(events, 'competition.archived.v1', id);
    expect(archivedEvents).toHaveLength(1);
    expect(payloadOf('competition.archived.v1', archivedEvents[0] as never)).toMatchObject({ competitionId: id, organizerAccountId: 'org-arc', version: version + 1 });

    // Frozen: no registration, no withdrawal, no edit, each refused with the same clear code.
    const late = await http(stack.gatewayUrl, 'POST', track.registrations, stack.token('arc-1', ['contestant']), { applicant: applicant(2) });
    expect([late.status, late.body.code]).toEqual([422, 'DC_ERR_COMPETITION_ARCHIVED']);
    const withdrawal = await http(stack.gatewayUrl, 'POST', `/v1/registrations/${seated}/withdraw`, stack.token('arc-0', ['contestant']));
    expect([withdrawal.status, withdrawal.body.code]).toEqual([422, 'DC_ERR_COMPETITION_ARCHIVED']);
    expect((await seenBy(stack, seated, 'arc-0')).status).toBe('REGISTRATION_STATUS_CONFIRMED');
    const spec = archived.body.spec as Record<string, unknown>;
    const edit = await http(stack.gatewayUrl, 'PATCH', `/v1/competitions/${id}`, organizer, { ...spec, title: 'Renamed after the end' });
    expect([edit.status, edit.body.code]).toEqual([422, 'DC_ERR_COMPETITION_ARCHIVED']);

    // Gone from the default browse, still readable by id (its results stay visible), for anyone.
    expect(await listedIds(reader)).not.toContain(id);
    expect(await listedIds()).not.toContain(id);
    const anonymous = await http(stack.gatewayUrl, 'GET', `/v1/competitions/${id}`);
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toMatchObject({ status: 'COMPETITION_STATUS_ARCHIVED', spec: { title: 'Digital Craftsman Cup' } });
    // Nothing after the archive event changed it: one event, and the version it carried.
    expect(anonymous.body.version).toBe(version + 1);
  });

  it('refuses to archive a draft: only a published competition has a lifecycle to close', async () => {
    const organizer = stack.token('org-arc-draft', ['organizer']);
    const created = await http(stack.gatewayUrl, 'POST', '/v1/competitions', organizer, {
      title: 'Never published',
      level: 'COMPETITION_LEVEL_COLLEGE',
      registrationOpensAt: new Date(Date.now() - 5 * 3_600_000).toISOString(),
      registrationClosesAt: new Date(Date.now() - 4 * 3_600_000).toISOString(),
      startsAt: new Date(Date.now() - 3 * 3_600_000).toISOString(),
      endsAt: new Date(Date.now() - 3_600_000).toISOString(),
      tracks: [{ name: 'Big data', occupationCode: '2-02-38-03', mode: 'TRACK_MODE_INDIVIDUAL', capacity: 3 }],
    });
    expect(created.status).toBe(201);
    const res = await http(stack.gatewayUrl, 'POST', `/v1/competitions/${String(created.body.competitionId)}/archive`, organizer);
    expect([res.status, res.body.code]).toEqual([422, 'DC_ERR_INVALID_STATE']);
  });
});
