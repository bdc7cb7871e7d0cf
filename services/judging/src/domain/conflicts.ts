/** Who a judge is, as they declared it, for conflict-of-interest checks. */
export interface JudgeProfile {
  readonly id: string;
  readonly chief: boolean;
  readonly institution?: string;
  readonly province?: string;
  readonly employer?: string;
  /** Accounts the judge is linked to: trainees, trainers, employees, relatives. */
  readonly links: readonly JudgeLink[];
}

export interface JudgeLink {
  readonly accountId: string;
  readonly relation: 'trainer' | 'trainee' | 'employer' | 'employee' | 'colleague' | 'relative';
}

/** What the judging service knows of an entry: never shown to judges except its code. */
export interface EntryProfile {
  readonly id: string;
  readonly code: string;
  readonly memberAccountIds: readonly string[];
  readonly institution?: string;
  readonly province?: string;
}

function same(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.trim() !== '' && a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** Every reason this judge may not mark this entry, in words an organizer can act on; empty = free. */
export function conflictsOf(judge: JudgeProfile, entry: EntryProfile): string[] {
  const reasons: string[] = [];
  if (same(judge.institution, entry.institution)) reasons.push(`same institution "${entry.institution ?? ''}"`);
  if (same(judge.employer, entry.institution)) reasons.push(`employed by the contestant's institution "${entry.institution ?? ''}"`);
  if (same(judge.province, entry.province)) reasons.push(`same province "${entry.province ?? ''}"`);
  for (const link of judge.links) {
    if (entry.memberAccountIds.includes(link.accountId)) reasons.push(`declared ${link.relation} link with team member ${link.accountId}`);
  }
  if (entry.memberAccountIds.includes(judge.id)) reasons.push('the judge is a member of this entry');
  return reasons;
}
