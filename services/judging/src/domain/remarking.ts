import type { MarkValues } from './marks';
import { allAspects, type SchemeDefinition } from './scheme-types';

export interface SheetState {
  readonly marks: MarkValues;
  /** aspect id → scheme version the mark was given under. */
  readonly markedUnder: Readonly<Record<string, number>>;
}

/**
 * The marks that still count under the current scheme: a mark given before a later version
 * touched its aspect is stale (must be re-marked), and marks of aspects the scheme no longer has
 * are ignored.
 */
export function effectiveMarks(scheme: SchemeDefinition, touchedAt: Readonly<Record<string, number>>, sheet: SheetState): { values: MarkValues; stale: string[] } {
  const values: Record<string, number> = {};
  const stale: string[] = [];
  for (const aspect of allAspects(scheme)) {
    const value = sheet.marks[aspect.id];
    if (value === undefined) continue;
    if ((sheet.markedUnder[aspect.id] ?? 0) < (touchedAt[aspect.id] ?? 0)) stale.push(aspect.id);
    else values[aspect.id] = value;
  }
  return { values, stale };
}
