import { setTimeout as sleep } from 'node:timers/promises';
import { drawOrder } from '../src/domain/lottery';
import { http, iso } from './support/api';
import { openTrack, registerOk, seenBy } from './support/flows';
import { startStack, type Stack } from './support/stack';

jest.setTimeout(120_000);

/**
 * The organizer runs the draw as soon as the window closes instead of waiting for the service's
 * own sweep (set far in the future here, so any draw seen is the organizer's).
 */
describe('lottery draw run by the organizer (gateway + registration processes)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack('lotorg', {}, { REGISTRATION_SWEEP_INTERVAL_MS: '600000' });
  });
  afterAll(async () => {
    await stack.close();
  });

  it('draws on the organizer’s request, applies it at once, and publishes the record at its own route', async () => {
    const closesAt = Date.now() + 4_000;
    const organizer = stack.token('org-lotorg', ['organizer']);
    const track = await openTrack(stack, organizer, { capacity: 1, admissionMode: 'ADMISSION_MODE_LOTTERY', waitlistEnabled: false }, { registrationClosesAt: iso(closesAt), startsAt: iso(closesAt + 3_600_000) });
    const who = ['lo-0', 'lo-1', 'lo-2'];
    const ids: string[] = [];
    for (const [i, w] of who.entries()) ids.push(String((await registerOk(stack, track, w, 1_700 + i)).body.registrationId));
    await sleep(Math.max(0, closesAt - Date.now()) + 200);
    const drawPath = `/v1/competitions/${track.competitionId}/tracks/${track.trackId}/lottery-draw`;

    // Another organizer may not draw this competition's track, and nothing is drawn by their try.
    const stranger = await http(stack.gatewayUrl, 'POST', drawPath, stack.token('org-stranger', ['organizer']));
    expect([stranger.status, stranger.body.code]).toEqual([403, 'DC_ERR_FORBIDDEN']);
    expect((await http(stack.gatewayUrl, 'GET', drawPath)).status).toBe(404);

    const res = await http(stack.gatewayUrl, 'POST', drawPath, organizer);
    expect(res.status).toBe(200);
    const draw = res.body as { seed: string; entrantRegistrationIds: string[]; drawnRegistrationIds: string[] };
    expect([...draw.entrantRegistrationIds]).toEqual([...ids].sort());
    expect(drawOrder(draw.seed, draw.entrantRegistrationIds)).toEqual(draw.drawnRegistrationIds);
    // Applied before the answer: the first drawn holds the one seat, the others are out (no waitlist).
    const statuses = await Promise.all(ids.map((id, i) => seenBy(stack, id, who[i] as string)));
    const winner = draw.drawnRegistrationIds[0];
    expect(statuses.map((s, i) => [ids[i], s.status])).toEqual(ids.map((id) => [id, id === winner ? 'REGISTRATION_STATUS_CONFIRMED' : 'REGISTRATION_STATUS_REJECTED']));
    const shown = await http(stack.gatewayUrl, 'GET', drawPath);
    expect(shown.body).toEqual(draw);
  });
});
