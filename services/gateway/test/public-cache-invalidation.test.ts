import { judgingEventsV1, registrationEventsV1 } from '@digicraft/contracts';
import { waitFor } from '@digicraft/testkit';
import { PublicReadCache, publicCacheNames } from '../src/redis/public-read-cache';
import { get, json } from './support/api';
import { startEventDrivenGateway, type EventDrivenGateway } from './support/event-driven-gateway';
import { publishedCompetition, startRegistrationStub, type RegistrationStub } from './support/registration-stub';

describe('gateway: public reads cached in Redis, invalidated by the events that change them', () => {
  let title = 'Spring Cup';
  let stub: RegistrationStub;
  let gw: EventDrivenGateway;

  beforeAll(async () => {
    stub = await startRegistrationStub({
      listCompetitions: async () => ({ competitions: [publishedCompetition('comp-1', title)], page: { nextCursor: '' } }),
    });
    gw = await startEventDrivenGateway('cache', { REGISTRATION_GRPC_ADDR: stub.address });
  }, 60_000);

  afterAll(async () => {
    await gw?.close();
    await stub?.stop();
  });

  it('serves the second anonymous GET from the cache, and after competition.published the next GET is fresh', async () => {
    const first = await get(gw.http, '/v1/competitions');
    expect(first.headers['x-cache']).toBe('miss');
    const second = await get(gw.http, '/v1/competitions');
    expect(second.headers['x-cache']).toBe('hit');
    expect(json<{ items: { title: string }[] }>(second).items[0]?.title).toBe('Spring Cup');

    title = 'Spring Cup (new dates)';
    const payload = registrationEventsV1.CompetitionPublished.fromPartial({ competitionId: 'comp-1', title, version: 2 });
    await gw.publish('competition.published.v1', payload, 'comp-1');

    await waitFor('a GET not served from the stale cache', async () => {
      const res = await get(gw.http, '/v1/competitions');
      return res.headers['x-cache'] === 'miss' && json<{ items: { title: string }[] }>(res).items[0]?.title === title;
    });
  }, 30_000);

  it('drops the cached results of a track when judging.results-published arrives', async () => {
    const cache = new PublicReadCache(gw.redis, gw.redisPrefix, 300);
    const name = publicCacheNames.trackResults('comp-1', 'track-a');
    await cache.set(name, '{"standings":[]}');
    expect(await cache.get(name)).toBe('{"standings":[]}');

    const payload = judgingEventsV1.JudgingResultsPublished.fromPartial({ competitionId: 'comp-1', trackId: 'track-a', revision: 1 });
    await gw.publish('judging.results-published.v1', payload, 'comp-1:track-a');

    await waitFor('the results entry to be gone', async () => (await cache.get(name)) === undefined);
    // The fence keeps a read that went downstream before the event from putting the old body back.
    await cache.set(name, '{"standings":["stale"]}');
    expect(await cache.get(name)).toBeUndefined();
  }, 30_000);
});
