import { eventTypeByName, registrationEventsV1 } from '@digicraft/contracts';
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
  /** The registration's affiliation: what the conflict checks compare judges with. */
  readonly province: string;
  readonly institution: string;
}

/**
 * Entries come from registration events (with the registration's province and institution, which
 * an organizer's declaration for the entry overrides); every handler is idempotent by registration id and
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
      ...(p.province !== '' ? { province: p.province } : {}),
      ...(p.institution !== '' ? { institution: p.institution } : {}),
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
    // A promotion is an entry only when it took the place at once; an offer or an incomplete team
    // becomes one with the registration.confirmed that follows acceptance.
    .on(eventTypeByName('registration.promoted.v1'), async (event) => {
      if (event.payload.status === registrationEventsV1.RegistrationStatus.REGISTRATION_STATUS_CONFIRMED) await place(event.payload);
    })
    .on(eventTypeByName('registration.withdrawn.v1'), async (event) => {
      const p = event.payload;
      const assignment = await deps.entries.assignment(p.registrationId);
      const sheets = assignment === null ? [] : await Promise.all(assignment.judgeIds.map((j) => deps.sheets.current(p.registrationId, j)));
      const judged = sheets.some((s) => s !== undefined);
      await deps.entries.withdraw(p.registrationId, p.trackId, Number(p.version), judged);
    });
}
