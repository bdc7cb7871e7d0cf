import type { JudgingCollections } from './collections';
import type { LedgerAppender } from './ledger-appender';
import type { SignOffRecord } from './outcome-store';

/**
 * Makes sure every sign-off has its ledger record exactly when the sign-off is answered, also
 * when a chief judge's client retries (after a timeout or a 503) and the retry is answered with
 * the original result instead of being refused.
 *
 * The sign-off document and its ledger record are two inserts (no transactions on our stores),
 * so a retry can meet its original attempt between the two: the same process then waits for the
 * original's append; if the original ran elsewhere (another instance, or before a restart) the
 * retry looks for the record (one scan of the ledger, only on this rare path) and appends it if
 * the original never did. Two instances retrying the very same sign-off at the very same moment
 * can at worst record it twice; it is never left out.
 */
export class SignOffAudit {
  private readonly appending = new Map<string, Promise<void>>();
  private readonly recorded = new Set<string>();

  constructor(
    private readonly c: JudgingCollections,
    private readonly ledger: LedgerAppender,
    private readonly recordedLimit = 200_000,
  ) {}

  /** Appends the ledger record of a sign-off this process has just inserted. */
  record(doc: SignOffRecord): Promise<void> {
    const appending = this.ledger
      .append(doc.trackId, [{ trackId: doc.trackId, kind: 'sign-off', actorId: doc.chiefJudgeId, at: doc.at.toISOString(), subject: doc.entryId, data: { revision: doc.revision, total: doc.total } }])
      .then(() => this.remember(doc._id));
    this.appending.set(doc._id, appending);
    const forget = (): void => void this.appending.delete(doc._id);
    appending.then(forget, forget);
    return appending;
  }

  /** Before a stored sign-off is answered again: its ledger record exists (or is appended now). */
  async ensureRecorded(doc: SignOffRecord): Promise<void> {
    const inFlight = this.appending.get(doc._id);
    if (inFlight !== undefined) return inFlight.catch(() => this.ensureRecorded(doc));
    if (this.recorded.has(doc._id)) return;
    const found = await this.c.ledger.findOne({ trackId: doc.trackId, kind: 'sign-off', subject: doc.entryId, 'data.revision': doc.revision });
    if (found !== null) return this.remember(doc._id);
    return this.record(doc);
  }

  private remember(id: string): void {
    if (this.recorded.size >= this.recordedLimit) this.recorded.clear();
    this.recorded.add(id);
  }
}
