import { ValidationError } from '@digicraft/errors';

const DEFAULT_ASSIGNMENT_PAGE = 100;
const MAX_ASSIGNMENT_PAGE = 200;

/** Where a page of a judge's assignments starts: after this (track, entry) in track-then-entry order. */
export interface AssignmentPosition {
  readonly trackId: string;
  readonly entryId: string;
}

function encodeAssignmentCursor(position: AssignmentPosition): string {
  return Buffer.from(JSON.stringify([position.trackId, position.entryId]), 'utf8').toString('base64url');
}

/** An opaque cursor from a previous page; anything else is a precise validation error. */
export function decodeAssignmentCursor(cursor: string): AssignmentPosition | undefined {
  if (cursor === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === 'string' && typeof parsed[1] === 'string') return { trackId: parsed[0], entryId: parsed[1] };
  } catch {
    // reported below
  }
  throw new ValidationError([{ field: 'page.cursor', message: 'is not a cursor this list returned' }]);
}

export function assignmentPageSize(requested: number): number {
  if (requested === 0) return DEFAULT_ASSIGNMENT_PAGE;
  if (!Number.isInteger(requested) || requested < 1 || requested > MAX_ASSIGNMENT_PAGE) {
    throw new ValidationError([{ field: 'page.pageSize', message: `must be between 1 and ${MAX_ASSIGNMENT_PAGE} (0 for the default, ${DEFAULT_ASSIGNMENT_PAGE})` }]);
  }
  return requested;
}

function compare(a: AssignmentPosition, b: AssignmentPosition): number {
  if (a.trackId !== b.trackId) return a.trackId < b.trackId ? -1 : 1;
  if (a.entryId === b.entryId) return 0;
  return a.entryId < b.entryId ? -1 : 1;
}

/**
 * One page of positions in (track, entry) order after `after`, and the cursor of the next page
 * (undefined on the last). Keyed by position, not offset: an assignment added or removed between
 * two pages neither repeats nor skips the others.
 */
export function pageOfAssignments<T extends AssignmentPosition>(rows: readonly T[], after: AssignmentPosition | undefined, size: number): { items: T[]; next: string | undefined } {
  const sorted = [...rows].sort(compare);
  const start = after === undefined ? 0 : sorted.findIndex((r) => compare(r, after) > 0);
  const items = start < 0 ? [] : sorted.slice(start, start + size);
  const last = items[items.length - 1];
  const more = start >= 0 && start + size < sorted.length;
  return { items, next: more && last !== undefined ? encodeAssignmentCursor(last) : undefined };
}
