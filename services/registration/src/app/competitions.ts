import { createHash } from 'node:crypto';
import { NotFoundError, ValidationError } from '@digicraft/errors';
import { newEventId, type OutboxEntry } from '@digicraft/messaging';
import { isDuplicateKeyError } from '@digicraft/store';
import { assertArchivable, assertNotArchived, canPublish } from '../domain/competition-lifecycle';
import { publishedEditViolations } from '../domain/competition-edits';
import { competitionViolations } from '../domain/competition-validation';
import { EditNotAllowedError, ForbiddenActionError, InvalidTransitionError, VersionConflictError } from '../domain/errors';
import type { Competition, CompetitionDetails, CompetitionStatus } from '../domain/types';
import { competitionArchivedEvent, competitionPublishedEvent } from '../events/competition-events';
import { fillFreeSeats } from './promotion';
import type { RegistrationDeps } from './registration-deps';

export interface OrganizerCaller {
  readonly id: string;
  readonly isAdmin: boolean;
}

export function assertOwner(c: Competition, caller: OrganizerCaller): void {
  if (c.organizerId !== caller.id && !caller.isAdmin) throw new ForbiddenActionError('Only the competition’s organizer may do this');
}

/** Tracks without an id get one; ids are kept on update so registrations stay attached. */
function withTrackIds(d: CompetitionDetails): CompetitionDetails {
  return { ...d, tracks: d.tracks.map((t) => (t.trackId === '' ? { ...t, trackId: `trk_${newEventId()}` } : t)) };
}

/**
 * Claims the track ids of `d` the competition does not hold yet (`held`) on the platform (seats,
 * queues and registration ids are keyed by track id alone, and so are judging's entries): an id
 * another competition holds is refused, naming its field.
 */
async function claimTrackIds(deps: RegistrationDeps, competitionId: string, d: CompetitionDetails, held: readonly string[] = []): Promise<void> {
  const exists = async (id: string): Promise<boolean> => (await deps.competitions.findById(id)) !== undefined;
  const taken = await deps.trackIds.claim(competitionId, d.tracks.map((t) => t.trackId).filter((t) => !held.includes(t)), exists);
  if (taken.length === 0) return;
  throw new ValidationError(d.tracks.flatMap((t, i) => (taken.includes(t.trackId) ? [{ field: `tracks[${i}].trackId`, message: 'is already used by another competition' }] : [])));
}

/**
 * The id of a new competition. With the client's Idempotency-Key it is derived from the key and
 * the organizer, so a create repeated after its answer was lost (a gateway deadline passed while
 * the write went through; the gateway does not replay a 503) finds the competition it made.
 */
function newCompetitionId(organizerId: string, idempotencyKey: string | undefined): string {
  if (idempotencyKey === undefined) return `cmp_${newEventId()}`;
  return `cmp_${createHash('sha256').update(`${organizerId}\n${idempotencyKey}`).digest('base64url').slice(0, 32)}`;
}

export async function createCompetition(deps: RegistrationDeps, caller: OrganizerCaller, details: CompetitionDetails, idempotencyKey?: string): Promise<Competition> {
  const competitionId = newCompetitionId(caller.id, idempotencyKey);
  const made = idempotencyKey === undefined ? undefined : await deps.competitions.findById(competitionId);
  if (made !== undefined) return made;
  const d = withTrackIds(details);
  const violations = competitionViolations(d);
  if (violations.length > 0) throw new ValidationError(violations);
  const now = deps.now();
  const c: Competition = { ...d, competitionId, organizerId: caller.id, status: 'draft', version: 1, createdAt: now, updatedAt: now, draws: [] };
  await claimTrackIds(deps, c.competitionId, d);
  try {
    await deps.competitions.insert(c, []);
  } catch (err) {
    // Two attempts of one keyed create at once: the other one's competition is the answer.
    const stored = isDuplicateKeyError(err) ? await deps.competitions.findById(competitionId) : undefined;
    await deps.trackIds.release(c.competitionId, d.tracks.map((t) => t.trackId).filter((t) => !stored?.tracks.some((s) => s.trackId === t)));
    if (stored !== undefined) return stored;
    throw err;
  }
  return c;
}

async function loadOwned(deps: RegistrationDeps, caller: OrganizerCaller, id: string): Promise<Competition> {
  const c = await deps.competitions.findById(id);
  if (c === undefined) throw new NotFoundError('Competition', id);
  assertOwner(c, caller);
  return c;
}

export async function updateCompetition(deps: RegistrationDeps, caller: OrganizerCaller, id: string, details: CompetitionDetails, expectedVersion: number): Promise<Competition> {
  const before = await loadOwned(deps, caller, id);
  if (expectedVersion !== 0 && expectedVersion !== before.version) throw new VersionConflictError();
  assertNotArchived(before, 'editing it');
  const d = withTrackIds(details);
  const violations = competitionViolations(d);
  if (violations.length > 0) throw new ValidationError(violations);
  const now = deps.now();
  if (before.status === 'published') {
    const taken = new Map<string, number>();
    const highest = new Map<string, number>();
    for (const t of before.tracks) {
      const view = await deps.seats.view(t.trackId, 0);
      taken.set(t.trackId, view.confirmed.size);
      highest.set(t.trackId, Math.max(0, ...view.confirmed));
    }
    const problems = publishedEditViolations(before, d, taken, now);
    // Seat numbers are the claim: a held number above the new capacity would stay valid.
    d.tracks.forEach((t, i) => {
      const top = highest.get(t.trackId) ?? 0;
      if (t.capacity < top && t.capacity >= (taken.get(t.trackId) ?? 0)) problems.push({ field: `tracks[${i}].capacity`, message: `cannot be below ${top}, the highest seat number held` });
    });
    if (problems.length > 0) throw new EditNotAllowedError(problems);
  }
  const held = before.tracks.map((t) => t.trackId);
  await claimTrackIds(deps, id, d, held);
  const next: Competition = { ...before, ...d, version: before.version + 1, updatedAt: now };
  // A write that loses claims nothing: the ids it claimed go back unless the stored competition
  // (a concurrent edit that won) holds them.
  const releaseUnstored = async (): Promise<void> => {
    const stored = await deps.competitions.findById(id);
    const claimed = d.tracks.map((t) => t.trackId).filter((t) => !held.includes(t));
    await deps.trackIds.release(id, claimed.filter((t) => !stored?.tracks.some((s) => s.trackId === t)));
  };
  const saved = await deps.competitions.replace(next, before.version, []).catch(async (err: unknown) => {
    await releaseUnstored();
    throw err;
  });
  if (saved === undefined) {
    await releaseUnstored();
    throw new VersionConflictError();
  }
  await deps.trackIds.release(id, before.tracks.filter((t) => !saved.tracks.some((n) => n.trackId === t.trackId)).map((t) => t.trackId));
  if (saved.status === 'published') {
    for (const t of saved.tracks) {
      const old = before.tracks.find((o) => o.trackId === t.trackId);
      if (old !== undefined && t.capacity > old.capacity) await fillFreeSeats(deps, t, `capacity:${saved.competitionId}`);
    }
  }
  return saved;
}

/**
 * A lifecycle step of an owned competition: `step` checks it may happen and returns the changed
 * fields; one version-guarded write stores them with the step's one event.
 */
async function transition(
  deps: RegistrationDeps,
  caller: OrganizerCaller,
  id: string,
  expectedVersion: number,
  step: (before: Competition, now: Date) => Partial<Competition>,
  eventOf: (next: Competition) => OutboxEntry,
): Promise<Competition> {
  const before = await loadOwned(deps, caller, id);
  if (expectedVersion !== 0 && expectedVersion !== before.version) throw new VersionConflictError();
  const now = deps.now();
  const next: Competition = { ...before, ...step(before, now), updatedAt: now, version: before.version + 1 };
  const event = eventOf(next);
  const saved = await deps.competitions.replace(next, before.version, [event]);
  if (saved === undefined) throw new VersionConflictError();
  deps.publish([event]);
  return saved;
}

export async function publishCompetition(deps: RegistrationDeps, caller: OrganizerCaller, id: string, expectedVersion: number, correlationId?: string): Promise<Competition> {
  return transition(
    deps,
    caller,
    id,
    expectedVersion,
    (before, now) => {
      if (!canPublish(before)) throw new InvalidTransitionError(`A ${before.status} competition cannot be published`);
      const violations = competitionViolations(before);
      if (violations.length > 0) throw new ValidationError(violations);
      return { status: 'published', publishedAt: now };
    },
    (next) => competitionPublishedEvent(next, correlationId),
  );
}

/**
 * Archiving ends the lifecycle of a published competition that has ended: one version-guarded
 * write of the status and its competition.archived event. The competition leaves the default
 * listing but stays readable by id, so its results remain visible.
 */
export async function archiveCompetition(deps: RegistrationDeps, caller: OrganizerCaller, id: string, expectedVersion: number, correlationId?: string): Promise<Competition> {
  return transition(
    deps,
    caller,
    id,
    expectedVersion,
    (before, now) => {
      assertArchivable(before, now);
      return { status: 'archived', archivedAt: now };
    },
    (next) => competitionArchivedEvent(next, correlationId),
  );
}

export async function getCompetition(deps: RegistrationDeps, id: string, caller: OrganizerCaller | undefined): Promise<Competition> {
  const c = await deps.competitions.findById(id);
  // A draft is invisible to everyone but its organizer: same answer as a missing one.
  if (c === undefined || (c.status === 'draft' && (caller === undefined || (caller.id !== c.organizerId && !caller.isAdmin)))) {
    throw new NotFoundError('Competition', id);
  }
  return c;
}

export async function listCompetitions(
  deps: RegistrationDeps,
  statuses: readonly CompetitionStatus[],
  caller: OrganizerCaller | undefined,
  after: string | undefined,
  limit: number,
): Promise<Competition[]> {
  const wantsDrafts = statuses.includes('draft');
  if (wantsDrafts && caller === undefined) throw new ForbiddenActionError('Drafts are visible to their organizer only');
  const published = statuses.length === 0 ? ['published' as const] : statuses;
  const organizer = wantsDrafts && caller !== undefined && !caller.isAdmin ? caller.id : undefined;
  return deps.competitions.list(published, organizer, after, limit);
}
