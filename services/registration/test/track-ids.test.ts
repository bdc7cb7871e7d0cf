import { createLogger } from '@digicraft/logging';
import { closeRedis, createRedis } from '@digicraft/redis';
import { closeStore, connectStore } from '@digicraft/store';
import { registrationCollections } from '../src/store/models';
import { applicant, competitionBody, http } from './support/api';
import { openTrack, registerOk, seenBy } from './support/flows';
import { startStack, type Stack } from './support/stack';

jest.setTimeout(120_000);

/**
 * Seats, queue numbers and registration ids are keyed by track id, so a track id must belong to
 * one competition only: before this was enforced, two organizers choosing the same id shared
 * seats (a registration in one competition filled the other's), one person could not register
 * in both, and each organizer's roster listed the other's contestants.
 */
describe('track ids are unique on the platform (gateway + registration processes)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack('tid');
  });
  afterAll(async () => {
    await stack.close();
  });

  it('refuses a competition whose track id another competition already uses, naming the field', async () => {
    const trackId = `shared-${Date.now().toString(36)}`;
    await openTrack(stack, stack.token('org-first', ['organizer']), { trackId, capacity: 1 });
    const second = await http(stack.gatewayUrl, 'POST', '/v1/competitions', stack.token('org-second', ['organizer']), competitionBody({ trackId, capacity: 1 }));
    expect(second.status).toBe(400);
    expect(second.body).toMatchObject({ code: 'DC_ERR_VALIDATION', errors: [{ field: 'tracks[0].trackId', message: 'is already used by another competition' }] });
    // Nor can a track with that id be added to an existing competition later.
    const own = await http(stack.gatewayUrl, 'POST', '/v1/competitions', stack.token('org-second', ['organizer']), competitionBody({ trackId: `${trackId}-b`, capacity: 1 }));
    expect(own.status).toBe(201);
    const tracks = [{ ...competitionBody({ trackId: `${trackId}-b` }).tracks as object[] }[0], { name: 'Second', occupationCode: '2-02-38-03', capacity: 1, trackId }];
    const patched = await http(stack.gatewayUrl, 'PATCH', `/v1/competitions/${String(own.body.competitionId)}`, stack.token('org-second', ['organizer']), { ...competitionBody({}), tracks });
    expect(patched.status).toBe(400);
    expect((patched.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['tracks[1].trackId']);
  });

  it('keeps the id of a refused competition free: a failed create claims nothing', async () => {
    const base = `free-${Date.now().toString(36)}`;
    await openTrack(stack, stack.token('org-third', ['organizer']), { trackId: `${base}-taken` });
    const body = competitionBody({ trackId: `${base}-new` });
    const refused = await http(stack.gatewayUrl, 'POST', '/v1/competitions', stack.token('org-fourth', ['organizer']), { ...body, tracks: [...(body.tracks as object[]), { name: 'Dup', occupationCode: '2-02-38-03', capacity: 1, trackId: `${base}-taken` }] });
    expect(refused.status).toBe(400);
    const retried = await http(stack.gatewayUrl, 'POST', '/v1/competitions', stack.token('org-fourth', ['organizer']), body);
    expect(retried.status).toBe(201);
  });

  it('gives back the new track ids of an edit that lost to a concurrent one', async () => {
    const base = `race-${Date.now().toString(36)}`;
    const organizer = stack.token('org-race', ['organizer']);
    const own = await http(stack.gatewayUrl, 'POST', '/v1/competitions', organizer, competitionBody({ trackId: `${base}-0` }));
    expect(own.status).toBe(201);
    const first = (competitionBody({ trackId: `${base}-0` }).tracks as object[])[0];
    // Each edit adds a track of its own; all read the same version, so only some writes win.
    const edits = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        http(stack.gatewayUrl, 'PATCH', `/v1/competitions/${String(own.body.competitionId)}`, organizer, {
          ...competitionBody({}),
          tracks: [first, { name: `Added ${n}`, occupationCode: '2-02-38-03', capacity: 1, trackId: `${base}-${n}` }],
        }),
      ),
    );
    const lost = edits.flatMap((res, i) => (res.status === 409 ? [i + 1] : []));
    expect(lost.length).toBeGreaterThan(0);
    expect(edits.every((res) => res.status === 200 || res.status === 409)).toBe(true);
    // A lost edit's id is free for another competition.
    const reuse = await http(stack.gatewayUrl, 'POST', '/v1/competitions', stack.token('org-race-2', ['organizer']), competitionBody({ trackId: `${base}-${lost[0]}` }));
    expect(reuse.status).toBe(201);
  });

  it('answers a create repeated after its answer was lost with the competition it made, not a clash of its own track ids', async () => {
    const organizer = stack.token('org-retry', ['organizer']);
    const key = `create-${Date.now().toString(36)}`;
    const body = competitionBody({ trackId: `retry-${Date.now().toString(36)}` });
    const first = await http(stack.gatewayUrl, 'POST', '/v1/competitions', organizer, body, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    // What a 503 leaves behind: the write went through, and the gateway kept no answer to replay.
    const redis = createRedis({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:16379', logger: createLogger({ service: 'test', level: 'warn' }) });
    try {
      const records = await redis.keys(`${stack.redisKeyPrefix}idem:*`);
      expect(records.length).toBeGreaterThan(0);
      await redis.del(...records);
    } finally {
      await closeRedis(redis);
    }
    const retried = await http(stack.gatewayUrl, 'POST', '/v1/competitions', organizer, body, { 'idempotency-key': key });
    expect([retried.status, retried.body.competitionId]).toEqual([201, first.body.competitionId]);
    const conn = await connectStore({ url: stack.mongoUrl, dbName: stack.registrationDb, logger: createLogger({ service: 'test', level: 'silent' }) });
    try {
      expect(await registrationCollections(conn).competitions.countDocuments({ organizerId: 'org-retry' })).toBe(1);
    } finally {
      await closeStore(conn);
    }
  });

  it('refuses track ids that cannot appear in a URL or a seat key', async () => {
    const res = await http(stack.gatewayUrl, 'POST', '/v1/competitions', stack.token('org-fifth', ['organizer']), competitionBody({ trackId: 'Big data|2024' }));
    expect(res.status).toBe(400);
    expect((res.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['tracks[0].trackId']);
  });

  it('keeps two competitions’ tracks apart: seats, one person in both, and each roster', async () => {
    const a = await openTrack(stack, stack.token('org-a', ['organizer']), { capacity: 1 });
    const b = await openTrack(stack, stack.token('org-b', ['organizer']), { capacity: 1 });
    expect(a.trackId).not.toBe(b.trackId);
    const inA = await registerOk(stack, a, 'both-tracks', 600);
    // The same person (same identity number) in the other competition: a seat of its own.
    const inB = await http(stack.gatewayUrl, 'POST', b.registrations, stack.token('both-tracks', ['contestant']), { applicant: applicant(600) });
    expect(inB.status).toBe(201);
    expect([inA.body.status, inB.body.status]).toEqual(['REGISTRATION_STATUS_CONFIRMED', 'REGISTRATION_STATUS_CONFIRMED']);
    expect((await seenBy(stack, String(inB.body.registrationId), 'both-tracks')).status).toBe('REGISTRATION_STATUS_CONFIRMED');
    const roster = await http(stack.gatewayUrl, 'GET', b.registrations, stack.token('org-b', ['organizer']));
    expect((roster.body.items as { registrationId: string }[]).map((r) => r.registrationId)).toEqual([inB.body.registrationId]);
  });
});
