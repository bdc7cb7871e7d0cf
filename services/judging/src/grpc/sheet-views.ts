import { judgingV1 } from '@digicraft/contracts';
import { flaggedAspects } from '../domain/reconciliation';
import { effectiveMarks } from '../domain/remarking';
import type { MarkValues } from '../domain/marks';
import type { EntryAssignmentDoc, SchemeDoc, SheetDoc } from '../store/documents';
import type { JudgingDeps } from './judging-deps';

/**
 * Every assigned judge's latest sheet of an entry. `'view'`: as this process knows it, memory
 * lookups once the track's sheet index is loaded. `'store'`: read exactly (probing `{_id}`
 * versions), which on FerretDB costs one whole-collection scan per judge (the probe for a next
 * version that does not exist), so hot paths read the view and confirm with the store only
 * before refusing something.
 */
export async function entrySheets(
  deps: JudgingDeps,
  assignment: Pick<EntryAssignmentDoc, '_id' | 'trackId' | 'judgeIds'>,
  from: 'view' | 'store',
): Promise<Map<string, SheetDoc | undefined>> {
  const { _id: entryId, trackId, judgeIds } = assignment;
  const sheets = await Promise.all(judgeIds.map((id) => (from === 'view' ? deps.sheets.currentInTrack(trackId, entryId, id) : deps.sheets.current(entryId, id))));
  return new Map(judgeIds.map((id, i) => [id, sheets[i]]));
}

export function effective(scheme: SchemeDoc, sheet: SheetDoc | undefined): { values: MarkValues; stale: string[] } {
  if (sheet === undefined) return { values: {}, stale: [] };
  return effectiveMarks(scheme.definition, scheme.touchedAt, sheet);
}

/** Flags among submitted sheets only: a draft is still the judge's own business. */
export function submittedFlags(scheme: SchemeDoc, sheets: Iterable<SheetDoc | undefined>): ReturnType<typeof flaggedAspects> {
  const values = [...sheets].filter((s): s is SheetDoc => s?.status === 'submitted').map((s) => effective(scheme, s).values);
  return flaggedAspects(scheme.definition, values);
}

/** Where a judge's work on an entry stands, as the judge's assignment list and mark sheet show it. */
export function assignmentStatusOf(sheet: SheetDoc | undefined, signedOff: boolean): judgingV1.AssignmentStatus {
  if (signedOff) return judgingV1.AssignmentStatus.ASSIGNMENT_STATUS_SIGNED_OFF;
  if (sheet === undefined) return judgingV1.AssignmentStatus.ASSIGNMENT_STATUS_PENDING;
  return sheet.status === 'submitted' ? judgingV1.AssignmentStatus.ASSIGNMENT_STATUS_SUBMITTED : judgingV1.AssignmentStatus.ASSIGNMENT_STATUS_DRAFT;
}

export function sheetToProto(sheet: SheetDoc | undefined, entryId: string, judgeId: string, code: string, scheme: SchemeDoc, flagged: readonly string[], signedOff: boolean): judgingV1.MarkSheet {
  const status = assignmentStatusOf(sheet, signedOff);
  return {
    entryId,
    judgeAccountId: judgeId,
    entryCode: code,
    marks: Object.entries(sheet?.marks ?? {}).map(([aspectId, value]) => ({ aspectId, value, comment: sheet?.comments[aspectId] ?? '' })),
    status,
    submittedAt: sheet?.submittedAt,
    version: sheet?.version ?? 0,
    schemeVersion: scheme.version,
    flaggedAspectIds: [...new Set([...flagged, ...effective(scheme, sheet).stale])].sort(),
  };
}
