import type { mongo } from 'mongoose';
import type {
  CompetitionDoc,
  EntryAffiliationDoc,
  EntryAssignmentDoc,
  EntryDoc,
  EntryRemovalDoc,
  HeadHintDoc,
  JudgeAssignmentsDoc,
  LedgerDoc,
  PanelDoc,
  ResolutionDoc,
  ResultsDoc,
  SchemeDoc,
  SheetDoc,
  SignOffDoc,
} from './documents';

/** The service's collections; outbox-carrying ones are listed for the relay's sweep. */
export const OUTBOX_COLLECTIONS = ['signoffs', 'results'] as const;

export interface JudgingCollections {
  readonly competitions: mongo.Collection<CompetitionDoc>;
  readonly schemes: mongo.Collection<SchemeDoc>;
  readonly panels: mongo.Collection<PanelDoc>;
  readonly entries: mongo.Collection<EntryDoc>;
  readonly entryRemovals: mongo.Collection<EntryRemovalDoc>;
  readonly entryAffiliations: mongo.Collection<EntryAffiliationDoc>;
  readonly entryAssignments: mongo.Collection<EntryAssignmentDoc>;
  readonly judgeAssignments: mongo.Collection<JudgeAssignmentsDoc>;
  readonly sheets: mongo.Collection<SheetDoc>;
  readonly resolutions: mongo.Collection<ResolutionDoc>;
  readonly signoffs: mongo.Collection<SignOffDoc>;
  readonly results: mongo.Collection<ResultsDoc>;
  readonly ledger: mongo.Collection<LedgerDoc>;
  readonly ledgerHeads: mongo.Collection<HeadHintDoc>;
  readonly versionHints: mongo.Collection<HeadHintDoc>;
}

export function judgingCollections(db: mongo.Db): JudgingCollections {
  return {
    competitions: db.collection('competitions'),
    schemes: db.collection('schemes'),
    panels: db.collection('panels'),
    entries: db.collection('entries'),
    entryRemovals: db.collection('entry_removals'),
    entryAffiliations: db.collection('entry_affiliations'),
    entryAssignments: db.collection('entry_assignments'),
    judgeAssignments: db.collection('judge_assignments'),
    sheets: db.collection('sheets'),
    resolutions: db.collection('resolutions'),
    signoffs: db.collection('signoffs'),
    results: db.collection('results'),
    ledger: db.collection('ledger'),
    ledgerHeads: db.collection('ledger_heads'),
    versionHints: db.collection('version_hints'),
  };
}
