import { allAspects, type Aspect, type MarkingScheme, type SchemeDefinition } from './scheme-types';

function sameAspect(a: Aspect, b: Aspect): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Aspects whose marks no longer mean what they meant: changed or removed ones. Added aspects
 * are touched too (nobody has marked them yet). Criterion renames touch nothing.
 */
export function touchedAspectIds(before: SchemeDefinition, after: SchemeDefinition): string[] {
  const old = new Map(allAspects(before).map((a) => [a.id, a]));
  const next = new Map(allAspects(after).map((a) => [a.id, a]));
  const touched = new Set<string>();
  for (const [id, aspect] of old) {
    const now = next.get(id);
    if (now === undefined || !sameAspect(aspect, now)) touched.add(id);
  }
  for (const id of next.keys()) if (!old.has(id)) touched.add(id);
  // Every judgement aspect depends on the rule (how many judges, how scores combine).
  if (JSON.stringify(before.rule) !== JSON.stringify(after.rule)) {
    for (const aspect of allAspects(after)) if (aspect.kind === 'judgement') touched.add(aspect.id);
  }
  return [...touched].sort();
}

export interface SchemeChange {
  readonly scheme: MarkingScheme;
  /** Aspects that must be marked again; empty while the scheme was not frozen. */
  readonly remark: readonly string[];
  readonly unchanged: boolean;
}

/**
 * Every accepted change is a new version (optimistic concurrency relies on it). Before marking
 * starts nothing needs re-marking; once frozen, the aspects a change touches must be re-marked.
 */
export function applySchemeChange(current: MarkingScheme | undefined, next: SchemeDefinition): SchemeChange {
  if (current === undefined) return { scheme: { ...next, version: 1, frozen: false }, remark: [], unchanged: false };
  const touched = touchedAspectIds(current, next);
  const unchanged = touched.length === 0 && JSON.stringify(current.criteria) === JSON.stringify(next.criteria);
  if (unchanged) return { scheme: current, remark: [], unchanged: true };
  if (!current.frozen) return { scheme: { ...next, version: current.version + 1, frozen: false }, remark: [], unchanged: false };
  return { scheme: { ...next, version: current.version + 1, frozen: true }, remark: touched, unchanged: false };
}
