import type { OutboxEntry } from '@digicraft/messaging';
import type { JudgeProfile } from '../domain/conflicts';
import type { LedgerRecord } from '../domain/ledger';
import type { Medal, ResultsConfig, Standing } from '../domain/ranking';
import type { SchemeDefinition } from '../domain/scheme-types';

/** Stored shapes. Every _id is a natural key so hot reads are `{_id}` lookups (the only fast find on FerretDB). */

export interface CompetitionDoc {
  _id: string;
  organizerId: string;
  trackIds: string[];
  version: number;
}

export interface SchemeDoc {
  _id: string; // trackId
  competitionId: string;
  definition: SchemeDefinition;
  results: ResultsConfig;
  version: number;
  frozen: boolean;
  /** aspect id → the scheme version that last changed it after the freeze (marks older than that are stale). */
  touchedAt: Record<string, number>;
}

export interface PanelDoc {
  _id: string; // trackId
  competitionId: string;
  judges: JudgeProfile[];
}

export interface EntryDoc {
  _id: string; // registration id
  competitionId: string;
  trackId: string;
  code: string;
  contestantAccountId: string;
  memberAccountIds: string[];
  institution?: string;
  province?: string;
  version: number;
  withdrawn?: boolean;
  createdAt: Date;
}

/**
 * A contestant's institution and province as the organizer declared them (for conflict checks),
 * kept apart from the entry so a re-declaration is a delete + insert, not one update per entry.
 */
export interface EntryAffiliationDoc {
  _id: string; // entry id
  trackId: string;
  institution: string;
  province: string;
  at: Date;
}

/** Written when a registration is withdrawn before judging, so a late confirmed event cannot revive it. */
export interface EntryRemovalDoc {
  _id: string;
  trackId: string;
  version: number;
  at: Date;
}

export interface EntryAssignmentDoc {
  _id: string; // entry id
  trackId: string;
  competitionId: string;
  code: string;
  judgeIds: string[];
}

export interface JudgeAssignmentsDoc {
  _id: string; // `${trackId}:${judgeId}`
  trackId: string;
  competitionId: string;
  judgeId: string;
  entries: { entryId: string; code: string }[];
}

export interface SheetDoc {
  _id: string; // `${entryId}:${judgeId}:${version}`
  entryId: string;
  judgeId: string;
  trackId: string;
  version: number;
  schemeVersion: number;
  marks: Record<string, number>;
  comments: Record<string, string>;
  /** aspect id → scheme version the mark was given under. */
  markedUnder: Record<string, number>;
  status: 'draft' | 'submitted';
  submittedAt?: Date;
  /** `corrected` versions are written by a chief judge after sign-off. */
  origin: 'judge' | 'correction';
  at: Date;
}

export interface ResolutionDoc {
  _id: string; // `${entryId}:${aspectId}`
  entryId: string;
  trackId: string;
  aspectId: string;
  value: number;
  reason: string;
  chiefJudgeId: string;
  at: Date;
}

export interface SignOffDoc {
  _id: string; // `${entryId}:r${revision}`
  entryId: string;
  trackId: string;
  competitionId: string;
  revision: number;
  total: number;
  criteria: Record<string, number>;
  chiefJudgeId: string;
  reason?: string;
  at: Date;
  outbox: OutboxEntry[];
  outboxAt: Date;
}

export interface StoredStanding extends Standing {
  code: string;
  registrationId: string;
  contestantAccountId: string;
  memberAccountIds: string[];
}

export interface ResultsDoc {
  _id: string; // `${trackId}:r${revision}`
  trackId: string;
  competitionId: string;
  revision: number;
  standings: StoredStanding[];
  formula: string;
  unfinished: string[];
  publishedBy: string;
  publishedAt: Date;
  reason?: string;
  outbox: OutboxEntry[];
  outboxAt: Date;
}

export type LedgerDoc = LedgerRecord & { _id: string };

export interface HeadHintDoc {
  _id: string;
  seq: number;
}

export type { Medal };
