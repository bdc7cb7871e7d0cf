import type { mongo } from 'mongoose';
import type { OutboxEntry } from '@digicraft/messaging';
import { judgingCollections, type JudgingCollections } from '../store/collections';
import { EntryStore } from '../store/entry-store';
import { LedgerAppender } from '../store/ledger-appender';
import { OutcomeStore } from '../store/outcome-store';
import { SheetStore } from '../store/sheet-store';
import { SignOffAudit } from '../store/sign-off-audit';
import { TrackStore } from '../store/track-store';

/** Everything the handlers and consumers use; one per process. */
export interface JudgingDeps {
  readonly collections: JudgingCollections;
  readonly tracks: TrackStore;
  readonly entries: EntryStore;
  readonly sheets: SheetStore;
  readonly outcomes: OutcomeStore;
  readonly ledger: LedgerAppender;
  /** Every sign-off's ledger record, also when a retried sign-off is answered again. */
  readonly signOffAudit: SignOffAudit;
  /** Hands written outbox entries to the relay's fast path. */
  readonly publish: (entries: readonly OutboxEntry[]) => void;
}

export function createJudgingDeps(db: mongo.Db, publish: (entries: readonly OutboxEntry[]) => void): JudgingDeps {
  const collections = judgingCollections(db);
  const ledger = new LedgerAppender(collections);
  return {
    collections,
    tracks: new TrackStore(collections),
    entries: new EntryStore(collections),
    sheets: new SheetStore(collections),
    outcomes: new OutcomeStore(collections),
    ledger,
    signOffAudit: new SignOffAudit(collections, ledger),
    publish,
  };
}
