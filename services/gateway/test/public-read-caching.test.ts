import { judgingEventsV1, judgingV1, registrationEventsV1 } from '@digicraft/contracts';
import { NotFoundError } from '@digicraft/errors';
import { waitFor } from '@digicraft/testkit';
import type { HttpResponse } from './support/http-client';
import { bearer, get, json, signup } from './support/api';
import { startEventDrivenGateway, type EventDrivenGateway } from './support/event-driven-gateway';
import { startJudgingStub, type JudgingStub } from './support/judging-stub';
import { publishedCompetition, startRegistrationStub, type RegistrationStub } from './support/registration-stub';

const titleOf = (res: HttpResponse): string | undefined => json<{ spec?: { title?: string } }>(res).spec?.title;
const rawTotalOf = (res: HttpResponse): number | undefined => json<{ standings: { rawTotal: number }[] }>(res).standings[0]?.rawTotal;

describe('gateway: anonymous GET of one competition and of track results shared through the public read cache', () => {
  /** What the stubbed services answer now; a test changes it to see whether a read went downstream. */
  const state = { title: 'Autumn Cup', draftPublished: false, scoreHundredths: 8150 };
  const calls = { getCompetition: 0, getResults: 0 };
  let registration: RegistrationStub;
  let judging: JudgingStub;
  let gw: EventDrivenGateway;
  let contestant: Record<string, string>;

  beforeAll(async () => {
    registration = await startRegistrationStub({
      getCompetition: async (req) => {
        calls.getCompetition += 1;
        // A draft is invisible to anonymous readers until it is published.
        if (req.competitionId === 'comp-draft' && !state.draftPublished) throw new NotFoundError('competition', req.competitionId);
        return { competition: publishedCompetition(req.competitionId, state.title) };
      },
    });
    judging = await startJudgingStub({
      getResults: async (req) => {
        calls.getResults += 1;
        const standing = { entryId: 'e-1', entryCode: 'A-001', rank: 1, scoreHundredths: state.scoreHundredths, standardizedHundredths: 70_000, medal: judgingEventsV1.Medal.MEDAL_GOLD };
        return { results: judgingV1.Results.fromPartial({ competitionId: req.competitionId, trackId: req.trackId, revision: 1, standings: [standing], formula: 'raw' }) };
      },
    });
    gw = await startEventDrivenGateway('reads', { REGISTRATION_GRPC_ADDR: registration.address, JUDGING_GRPC_ADDR: judging.address });
    contestant = bearer((await signup(gw.http, 'contestant')).session.accessToken);
  }, 60_000);

  afterAll(async () => {
    await gw?.close();
    await registration?.stop();
    await judging?.stop();
  });

  it('GET /v1/competitions/{id}: anonymous readers share the cached answer, signed-in readers never get it, competition.published refreshes it', async () => {
    const first = await get(gw.http, '/v1/competitions/comp-1');
    expect(first.statusCode).toBe(200);
    expect(first.headers['x-cache']).toBe('miss');
    const second = await get(gw.http, '/v1/competitions/comp-1');
    expect(second.headers['x-cache']).toBe('hit');
    expect(second.body).toBe(first.body);
    expect(calls.getCompetition).toBe(1);

    state.title = 'Autumn Cup (new venue)';
    const signedIn = await get(gw.http, '/v1/competitions/comp-1', contestant);
    expect(signedIn.headers['x-cache']).toBe('miss');
    expect(titleOf(signedIn)).toBe('Autumn Cup (new venue)');
    expect(calls.getCompetition).toBe(2);
    // Neither served from nor written to the shared entry: anonymous readers still see the cached one.
    const anonymous = await get(gw.http, '/v1/competitions/comp-1');
    expect(anonymous.headers['x-cache']).toBe('hit');
    expect(titleOf(anonymous)).toBe('Autumn Cup');

    await gw.publish('competition.published.v1', registrationEventsV1.CompetitionPublished.fromPartial({ competitionId: 'comp-1', title: state.title, version: 2 }), 'comp-1');
    await waitFor('an anonymous GET with the new title', async () => {
      const res = await get(gw.http, '/v1/competitions/comp-1');
      return res.headers['x-cache'] === 'miss' && titleOf(res) === 'Autumn Cup (new venue)';
    });
  }, 30_000);

  it('does not cache an error: a draft that 404s for anonymous readers shows once published', async () => {
    const hidden = await get(gw.http, '/v1/competitions/comp-draft');
    expect(hidden.statusCode).toBe(404);
    state.draftPublished = true;
    const shown = await get(gw.http, '/v1/competitions/comp-draft');
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['x-cache']).toBe('miss');
  });

  it('GET …/tracks/{trackId}/results: anonymous readers share the cached answer, signed-in readers never get it, judging.results-revised refreshes it', async () => {
    const url = '/v1/competitions/comp-1/tracks/track-a/results';
    const first = await get(gw.http, url);
    expect(first.statusCode).toBe(200);
    expect(first.headers['x-cache']).toBe('miss');
    expect(rawTotalOf(first)).toBe(81.5);
    const second = await get(gw.http, url);
    expect(second.headers['x-cache']).toBe('hit');
    expect(second.body).toBe(first.body);
    expect(calls.getResults).toBe(1);

    state.scoreHundredths = 8300;
    const signedIn = await get(gw.http, url, contestant);
    expect(signedIn.headers['x-cache']).toBe('miss');
    expect(rawTotalOf(signedIn)).toBe(83);
    expect(rawTotalOf(await get(gw.http, url))).toBe(81.5);

    const revised = judgingEventsV1.JudgingResultsRevised.fromPartial({ competitionId: 'comp-1', trackId: 'track-a', revision: 2, previousRevision: 1, reason: 'marks corrected' });
    await gw.publish('judging.results-revised.v1', revised, 'comp-1:track-a');
    await waitFor('an anonymous GET with the revised results', async () => {
      const res = await get(gw.http, url);
      return res.headers['x-cache'] === 'miss' && rawTotalOf(res) === 83;
    });
    // Each track has its own entry: another track never gets this one's results.
    const other = await get(gw.http, '/v1/competitions/comp-1/tracks/track-b/results');
    expect(other.headers['x-cache']).toBe('miss');
    expect(json<{ trackId: string }>(other).trackId).toBe('track-b');
  }, 30_000);
});
