import { registrationEventsV1, registrationV1 } from '@digicraft/contracts';
import { waitFor } from '@digicraft/testkit';
import { get, json } from './support/api';
import { startEventDrivenGateway, type EventDrivenGateway } from './support/event-driven-gateway';
import { publishedCompetition, startRegistrationStub, type RegistrationStub } from './support/registration-stub';

const ID = 'cmp-archived-1';

describe('gateway: an anonymous cached competition shows its archive once competition.archived arrives', () => {
  // What the registration service answers: flipped to archived the moment the test "archives" it.
  let stored = publishedCompetition(ID, 'Autumn Cup');
  let stub: RegistrationStub;
  let gw: EventDrivenGateway;

  beforeAll(async () => {
    stub = await startRegistrationStub({
      getCompetition: async () => ({ competition: stored }),
      // The default browse lists published competitions only, as the service does.
      listCompetitions: async () => ({ competitions: stored.status === registrationV1.CompetitionStatus.COMPETITION_STATUS_PUBLISHED ? [stored] : [], page: { nextCursor: '' } }),
    });
    gw = await startEventDrivenGateway('archive', { REGISTRATION_GRPC_ADDR: stub.address });
  }, 60_000);

  afterAll(async () => {
    await gw?.close();
    await stub?.stop();
  });

  it('drops the cached competition and listing, so anonymous readers see it archived and gone from the browse', async () => {
    const one = `/v1/competitions/${ID}`;
    expect((await get(gw.http, one)).headers['x-cache']).toBe('miss');
    const cached = await get(gw.http, one);
    expect(cached.headers['x-cache']).toBe('hit');
    expect(json<{ status: string }>(cached).status).toBe('COMPETITION_STATUS_PUBLISHED');
    await get(gw.http, '/v1/competitions');
    expect(json<{ items: { id: string }[] }>(await get(gw.http, '/v1/competitions')).items.map((c) => c.id)).toEqual([ID]);

    const archivedAt = new Date();
    stored = registrationV1.Competition.fromPartial({ ...stored, status: registrationV1.CompetitionStatus.COMPETITION_STATUS_ARCHIVED, archivedAt, version: 2 });
    // Without the event the cache still answers with the published copy.
    expect(json<{ status: string }>(await get(gw.http, one)).status).toBe('COMPETITION_STATUS_PUBLISHED');

    const payload = registrationEventsV1.CompetitionArchived.fromPartial({ competitionId: ID, organizerAccountId: 'org-1', archivedAt, version: 2 });
    await gw.publish('competition.archived.v1', payload, ID);

    await waitFor('an anonymous GET showing the archive', async () => {
      const res = await get(gw.http, one);
      return res.headers['x-cache'] === 'miss' && json<{ status: string }>(res).status === 'COMPETITION_STATUS_ARCHIVED';
    });
    expect(json<{ archivedAt: string }>(await get(gw.http, one)).archivedAt).toBe(archivedAt.toISOString());
    expect(json<{ items: unknown[] }>(await get(gw.http, '/v1/competitions')).items).toEqual([]);
  }, 30_000);
});
