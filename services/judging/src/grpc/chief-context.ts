import { DigiCraftError, NotFoundError } from '@digicraft/errors';
import { JudgingForbiddenError } from '../domain/errors';
import type { Resolution } from '../domain/reconciliation';
import type { EntryAssignmentDoc, PanelDoc, ResolutionDoc, SchemeDoc, SheetDoc } from '../store/documents';
import type { SignOffRecord } from '../store/outcome-store';
import { isChiefOf, type KnownActor } from './access';
import type { JudgingDeps } from './judging-deps';
import { entrySheets } from './sheet-views';

/** What a chief judge's review of one entry (resolution, sign-off, correction) works from. */
export interface ChiefContext {
  readonly assignment: EntryAssignmentDoc;
  readonly scheme: SchemeDoc;
  readonly panel: PanelDoc | null;
  readonly sheets: Map<string, SheetDoc | undefined>;
  readonly resolutions: Resolution[];
  /** The entry's latest sign-off revision, if any. */
  readonly signedOff: SignOffRecord | undefined;
}

/**
 * Everything from memory once the track is loaded (its assignments, sheets, resolutions and
 * sign-offs are per-track views; scheme and panel short-lived caches), so a review asks the
 * store nothing before its writes: on FerretDB each read that finds nothing — the chief's own
 * sheet, the next sheet version, a sign-off or resolution not there yet — scans a whole
 * collection, and there were about six per sign-off.
 */
export async function chiefContext(deps: JudgingDeps, actor: KnownActor, entryId: string): Promise<ChiefContext> {
  const assignment = await deps.entries.assignment(entryId);
  if (assignment === null) throw new NotFoundError('Assigned entry', entryId);
  const trackId = assignment.trackId;
  const [scheme, panel, sheets, ownSheet, resolutions, signedOff] = await Promise.all([
    deps.tracks.scheme(trackId),
    deps.tracks.panel(trackId),
    entrySheets(deps, assignment, 'view'),
    deps.sheets.currentInTrack(trackId, entryId, actor.id),
    deps.outcomes.resolutionsInTrack(trackId, entryId),
    deps.outcomes.latestSignOffInTrack(trackId, entryId),
  ]);
  if (!isChiefOf(panel, actor)) throw new JudgingForbiddenError('Only a chief judge of this track’s panel can do this');
  if (assignment.judgeIds.includes(actor.id) || ownSheet !== undefined) {
    throw new JudgingForbiddenError('A chief judge cannot review an entry they marked or were assigned to');
  }
  if (scheme === null) throw new NotFoundError('Marking scheme of track', trackId);
  return { assignment, scheme, panel, sheets, resolutions: resolutions.map(toResolution), signedOff };
}

function toResolution(r: ResolutionDoc): Resolution {
  return { aspectId: r.aspectId, value: r.value, reason: r.reason, chiefJudgeId: r.chiefJudgeId };
}

/**
 * The entry's sheets (probing `{_id}` versions) and resolutions read exactly from the store:
 * before refusing a review because of the marks, in case another instance saved newer ones than
 * this process's views hold (its sheet index learns of those only through a clash on insert).
 * Only refusals pay for this; a review that goes through reads nothing.
 */
async function withMarksFromStore(deps: JudgingDeps, ctx: ChiefContext): Promise<ChiefContext> {
  const [sheets, resolutions] = await Promise.all([
    entrySheets(deps, ctx.assignment, 'store'),
    deps.outcomes.resolutionsFromStore(ctx.assignment.trackId, ctx.assignment._id),
  ]);
  return { ...ctx, sheets, resolutions: resolutions.map(toResolution) };
}

/** Refusals that depend on the marks and resolutions (and so on how fresh this process's view is). */
const MARKS_REFUSALS: ReadonlySet<string> = new Set(['DC_ERR_MARKS_NOT_SUBMITTED', 'DC_ERR_REMARK_PENDING', 'DC_ERR_RECONCILIATION_PENDING', 'DC_ERR_NOT_FLAGGED']);

/**
 * Runs a review's `check` on the context; when it refuses because of the marks, runs it again on
 * the marks read from the store (the view may be behind another instance's saves), so a refusal
 * always rests on stored marks. Returns the context the check passed on.
 */
export async function checkedOnStoredMarks(deps: JudgingDeps, ctx: ChiefContext, check: (ctx: ChiefContext) => void): Promise<ChiefContext> {
  try {
    check(ctx);
    return ctx;
  } catch (error) {
    if (!(error instanceof DigiCraftError && MARKS_REFUSALS.has(error.code))) throw error;
    const stored = await withMarksFromStore(deps, ctx);
    check(stored);
    return stored;
  }
}
