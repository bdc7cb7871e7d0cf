import { eventTypeByName, registrationEventsV1 } from '@digicraft/contracts';
import { createOutboxEntry, type OutboxEntry } from '@digicraft/messaging';
import type { Competition } from '../domain/types';

export function competitionPublishedEvent(c: Competition, correlationId?: string): OutboxEntry {
  return createOutboxEntry(
    eventTypeByName('competition.published.v1'),
    {
      competitionId: c.competitionId,
      organizerAccountId: c.organizerId,
      title: c.title,
      occupation: c.occupation,
      tracks: c.tracks.map((t) => ({
        trackId: t.trackId,
        name: t.name,
        mode: t.format === 'team' ? registrationEventsV1.TrackMode.TRACK_MODE_TEAM : registrationEventsV1.TrackMode.TRACK_MODE_INDIVIDUAL,
        capacity: t.capacity,
        minTeamSize: t.format === 'team' ? t.minTeamSize : 1,
        maxTeamSize: t.format === 'team' ? t.maxTeamSize : 1,
      })),
      registrationOpensAt: c.registrationOpensAt,
      registrationClosesAt: c.registrationClosesAt,
      startsAt: c.startsAt,
      endsAt: c.endsAt,
      publishedAt: c.publishedAt ?? new Date(),
      version: c.version,
    },
    { subject: c.competitionId, ...(correlationId ? { correlationId } : {}) },
  );
}

export function competitionArchivedEvent(c: Competition, correlationId?: string): OutboxEntry {
  return createOutboxEntry(
    eventTypeByName('competition.archived.v1'),
    { competitionId: c.competitionId, organizerAccountId: c.organizerId, archivedAt: c.archivedAt ?? new Date(), version: c.version },
    { subject: c.competitionId, ...(correlationId ? { correlationId } : {}) },
  );
}
