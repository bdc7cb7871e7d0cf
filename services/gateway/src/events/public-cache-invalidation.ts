import { EVENT_TYPES, eventTypeByName } from '@digicraft/contracts';
import type { EventDefinition, Subscriber } from '@digicraft/messaging';
import { publicCacheNames, type PublicReadCache } from '../redis/public-read-cache';

export interface CacheInvalidationOptions {
  /** Tests consume the same event types from per-run topics; production uses the catalogue's. */
  readonly topicFor?: (definition: EventDefinition<unknown>) => string;
}

interface AboutTrack {
  readonly competitionId: string;
  readonly trackId: string;
}

function competitionIdOf(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null || !('competitionId' in payload)) return undefined;
  return typeof payload.competitionId === 'string' && payload.competitionId !== '' ? payload.competitionId : undefined;
}

/**
 * Every catalogued `competition.*` event (published and archived today, and any the registration
 * service adds later) changes what the public competition views show. registration.*
 * events are left out on purpose: a consumer that dropped the cache on every registration would
 * leave nothing cached while registrations are open, so the seat counts of the public view of one
 * competition are as old as the cache's TTL (PUBLIC_CACHE_TTL_SECONDS) at most.
 */
function competitionEvents(): EventDefinition<unknown>[] {
  return EVENT_TYPES.filter((definition) => definition.type.startsWith('competition.'));
}

function resultEvents(): EventDefinition<AboutTrack>[] {
  return [eventTypeByName('judging.results-published.v1'), eventTypeByName('judging.results-revised.v1')];
}

/**
 * Keeps the public read cache true to the events that change it: each handler deletes the
 * affected groups, which is idempotent, so a redelivered event costs one more DEL and nothing else.
 */
export function registerPublicCacheInvalidation(subscriber: Subscriber, cache: PublicReadCache, options: CacheInvalidationOptions = {}): void {
  const on = <T>(definition: EventDefinition<T>): EventDefinition<T> =>
    options.topicFor ? { ...definition, topic: options.topicFor(definition as EventDefinition<unknown>) } : definition;

  for (const definition of competitionEvents()) {
    subscriber.on(on(definition), async ({ payload }) => {
      const competitionId = competitionIdOf(payload);
      const groups = [publicCacheNames.competitionList('').group];
      if (competitionId !== undefined) groups.push(publicCacheNames.competition(competitionId).group);
      await cache.invalidate(groups);
    });
  }
  for (const definition of resultEvents()) {
    subscriber.on(on(definition), async ({ payload }) => {
      await cache.invalidate([
        publicCacheNames.trackResults(payload.competitionId, payload.trackId).group,
        publicCacheNames.competitionResults(payload.competitionId).group,
      ]);
    });
  }
}
