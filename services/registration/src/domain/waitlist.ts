/** A waitlisted registration as the promotion rules see it. */
export interface WaitlistEntry {
  readonly registrationId: string;
  /** Per-track sequence handed out when the request was accepted: the queue order. */
  readonly waitSeq: number;
  readonly quotaKeys: readonly string[];
}

/** Queue order is acceptance order: the sequence, ties (impossible by construction) by id. */
export function waitlistOrder<T extends WaitlistEntry>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => a.waitSeq - b.waitSeq || (a.registrationId < b.registrationId ? -1 : 1));
}

/** 1-based position of a registration among those still waiting. */
export function waitlistPosition(mySeq: number, othersSeqs: readonly number[]): number {
  return othersSeqs.filter((s) => s < mySeq).length + 1;
}

/**
 * The first entry that may take a freed seat: entries whose quota group is full are passed over
 * (they stay in place and get the next seat their group frees).
 */
export function firstPromotable<T extends WaitlistEntry>(entries: readonly T[], quotaFull: (key: string) => boolean): T | undefined {
  return waitlistOrder(entries).find((e) => !e.quotaKeys.some(quotaFull));
}
