import { drawOrder, splitDraw } from '../src/domain/lottery';
import { applicant, http, iso } from './support/api';
import { eventually, openTrack, registerOk, seenBy } from './support/flows';
import { startStack, type Stack } from './support/stack';

jest.setTimeout(120_000);

interface PublishedDraw {
  seed: string;
  algorithm: string;
  entrantRegistrationIds: string[];
  drawnRegistrationIds: string[];
}

/** Lottery tracks: applications during the window, a seeded draw when it closes, the seed published so anyone can re-run it. */
describe('lottery admission (gateway + registration processes)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack('lot', {}, { REGISTRATION_SWEEP_INTERVAL_MS: '300' });
  });
  afterAll(async () => {
    await stack.close();
  });

  it('draws on its own when the window closes, publishes the seed, and the published draw re-runs to the same winners', async () => {
    const closesAt = Date.now() + 10_000;
    const track = await openTrack(
      stack,
      stack.token('org-lot', ['organizer']),
      { capacity: 2, admissionMode: 'ADMISSION_MODE_LOTTERY', waitlistEnabled: true, waitlistCapacity: 1 },
      { registrationClosesAt: iso(closesAt), startsAt: iso(closesAt + 3_600_000) },
    );
    const who = Array.from({ length: 6 }, (_, i) => `lot-${i}`);
    const ids: string[] = [];
    for (const [i, w] of who.entries()) {
      const res = await registerOk(stack, track, w, 700 + i);
      expect(res.body.status).toBe('REGISTRATION_STATUS_PENDING_DRAW');
      ids.push(String(res.body.registrationId));
    }
    // Nothing is drawn while the window is open.
    const before = await http(stack.gatewayUrl, 'GET', `/v1/competitions/${track.competitionId}`);
    expect((before.body.stats as { lottery?: unknown }[])[0]?.lottery).toBeUndefined();
    const drawPath = `/v1/competitions/${track.competitionId}/tracks/${track.trackId}/lottery-draw`;
    const notYet = await http(stack.gatewayUrl, 'GET', drawPath);
    expect([notYet.status, notYet.body.code]).toEqual([404, 'DC_ERR_NOT_FOUND']);
    // The organizer cannot draw early either.
    const early = await http(stack.gatewayUrl, 'POST', drawPath, stack.token('org-lot', ['organizer']));
    expect([early.status, early.body.code]).toEqual([422, 'DC_ERR_INVALID_STATE']);

    const published = await eventually(
      async () => ((await http(stack.gatewayUrl, 'GET', `/v1/competitions/${track.competitionId}`)).body.stats as { lottery?: PublishedDraw }[])[0]?.lottery,
      (d) => d !== undefined,
      closesAt - Date.now() + 15_000,
      'draw published',
    );
    const draw = published as PublishedDraw;
    expect(draw.algorithm).toBe('sha256-ctr-fisher-yates-v1');
    expect(draw.seed).toMatch(/^[0-9a-f]{64}$/);
    expect([...draw.entrantRegistrationIds].sort()).toEqual([...ids].sort());
    // Anyone can re-run the draw from the published seed and entrants.
    expect(drawOrder(draw.seed, draw.entrantRegistrationIds)).toEqual(draw.drawnRegistrationIds);
    // The draw's own route shows anyone the same record, and the organizer asking again does not redraw.
    const shown = await http(stack.gatewayUrl, 'GET', drawPath);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ seed: draw.seed, entrantRegistrationIds: draw.entrantRegistrationIds, drawnRegistrationIds: draw.drawnRegistrationIds });
    const rerun = await http(stack.gatewayUrl, 'POST', drawPath, stack.token('org-lot', ['organizer']));
    expect(rerun.status).toBe(200);
    expect(rerun.body).toMatchObject({ seed: draw.seed, drawnRegistrationIds: draw.drawnRegistrationIds });
    const expected = splitDraw(draw.drawnRegistrationIds, 2, true, 1);

    const statusOf = async (id: string) => seenBy(stack, id, who[ids.indexOf(id)] as string);
    const settled = await eventually(() => Promise.all(ids.map(statusOf)), (all) => all.every((v) => v.status !== 'REGISTRATION_STATUS_PENDING_DRAW'), 15_000, 'draw applied');
    const withStatus = (s: string) => ids.filter((_, i) => settled[i]?.status === s).sort();
    expect(withStatus('REGISTRATION_STATUS_CONFIRMED')).toEqual([...expected.confirmed].sort());
    expect(withStatus('REGISTRATION_STATUS_WAITLISTED')).toEqual([...expected.waitlisted]);
    expect(withStatus('REGISTRATION_STATUS_REJECTED')).toEqual([...expected.rejected].sort());
    const loser = settled[ids.indexOf(expected.rejected[0] as string)];
    expect(loser?.body.rejectionReason).toBe('REJECTION_REASON_LOTTERY_NOT_DRAWN');
    expect((await statusOf(expected.waitlisted[0] as string)).position).toBe(1);

    // The window is closed: no more applications, and the draw is not redrawn.
    const late = await http(stack.gatewayUrl, 'POST', track.registrations, stack.token('lot-late', ['contestant']), { applicant: applicant(799) });
    expect(late.status).toBe(422);
    expect(late.body.code).toBe('DC_ERR_REGISTRATION_CLOSED');
    const again = (await http(stack.gatewayUrl, 'GET', `/v1/competitions/${track.competitionId}`)).body.stats as { lottery?: PublishedDraw }[];
    expect(again[0]?.lottery?.drawnRegistrationIds).toEqual(draw.drawnRegistrationIds);
  });
});
