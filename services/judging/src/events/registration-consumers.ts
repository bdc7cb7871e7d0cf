import { eventTypeByName } from '@digicraft/contracts';
import type { Subscriber } from '@digicraft/messaging';
import { entryCode } from '../domain/entry-code';
import type { JudgingDeps } from '../grpc/judging-deps';

interface Placement {
  readonly registrationId: string;
  readonly competitionId: string;
  readonly trackId: string;
  readonly contestantAccountId: string;
  readonly memberAccountIds: readonly string[];
  readonly version: number | bigint;
}

/**
 * Entries come from registration events; every handler is idempotent by registration id and
 * version (the entry id IS the registration id), so redeliveries and reorderings are harmless.
 */
export function registerRegistrationConsumers(subscriber: Subscriber, deps: JudgingDeps): void {
  const place = async (p: Placement): Promise<void> => {
    await deps.entries.createFromRegistration({
      _id: p.registrationId,
      competitionId: p.competitionId,
      trackId: p.trackId,
      code: entryCode(p.trackId, p.registrationId),
      contestantAccountId: p.contestantAccountId,
      memberAccountIds: p.memberAccountIds.length > 0 ? [...p.memberAccountIds] : [p.contestantAccountId],
      version: Number(p.version),
      createdAt: new Date(),
    });
  };

  subscriber
    .on(eventTypeByName('competition.published.v1'), async (event) => {
      const p = event.payload;
      await deps.tracks.upsertCompetition({ _id: p.competitionId, organizerId: p.organizerAccountId, trackIds: p.tracks.map((t) => t.trackId), version: Number(p.version) });
    })
    .on(eventTypeByName('registration.confirmed.v1'), async (event) => place(event.payload))
    .on(eventTypeByName('registration.promoted.v1'), async (event) => place(event.payload))
    .on(eventTypeByName('registration.withdrawn.v1'), async (event) => {
      const p = event.payload;
      const assignment = await deps.entries.assignment(p.registrationId);
      const sheets = assignment === null ? [] : await Promise.all(assignment.judgeIds.map((j) => deps.sheets.current(p.registrationId, j)));
      const judged = sheets.some((s) => s !== undefined);
      await deps.entries.withdraw(p.registrationId, p.trackId, Number(p.version), judged);
    });
}
