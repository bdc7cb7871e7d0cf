import { createHash } from 'node:crypto';
import { canonicalJson, type Json } from './canonical-json';

export type LedgerKind =
  | 'scheme'
  | 'marks'
  | 'submit'
  | 'resolution'
  | 'sign-off'
  | 'correction'
  | 'publish';

/** The hashed content of one audit record. */
export interface LedgerBody {
  readonly trackId: string;
  /** 1-based position in the track's chain. */
  readonly seq: number;
  readonly kind: LedgerKind;
  readonly actorId: string;
  /** ISO instant. */
  readonly at: string;
  /** The entry (or track) the record is about. */
  readonly subject: string;
  readonly data: { readonly [key: string]: Json | undefined };
  readonly prevHash: string;
}

export interface LedgerRecord extends LedgerBody {
  readonly hash: string;
}

/** The previous hash of a chain's first record. */
export const GENESIS_HASH = '0'.repeat(64);

export function hashLedgerBody(body: LedgerBody): string {
  const content: Json = {
    trackId: body.trackId,
    seq: body.seq,
    kind: body.kind,
    actorId: body.actorId,
    at: body.at,
    subject: body.subject,
    data: body.data,
    prevHash: body.prevHash,
  };
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

export const EMPTY_HEAD: ChainHead = Object.freeze({ seq: 0, hash: GENESIS_HASH });

/** Seals the next records of a chain after `head`. */
export function sealRecords(
  head: ChainHead,
  drafts: readonly Omit<LedgerBody, 'seq' | 'prevHash'>[],
): LedgerRecord[] {
  let { seq, hash } = head;
  return drafts.map((draft) => {
    seq += 1;
    const body: LedgerBody = { ...draft, seq, prevHash: hash };
    hash = hashLedgerBody(body);
    return { ...body, hash };
  });
}

export type VerificationFailure = 'hash-mismatch' | 'broken-link' | 'gap' | 'wrong-track' | 'stored-mark-mismatch';

export interface Verification {
  readonly ok: boolean;
  readonly records: number;
  readonly headHash: string;
  /** The first bad record: where tampering (or loss) starts. */
  readonly failure?: { readonly seq: number; readonly reason: VerificationFailure; readonly detail: string };
}

/** Walks a track's chain in order and reports the first record whose content or link does not hold. */
export function verifyChain(trackId: string, records: readonly LedgerRecord[]): Verification {
  let expectedPrev = GENESIS_HASH;
  let count = 0;
  for (const record of [...records].sort((a, b) => a.seq - b.seq)) {
    count += 1;
    const fail = (reason: VerificationFailure, detail: string): Verification => ({
      ok: false,
      records: count,
      headHash: expectedPrev,
      failure: { seq: record.seq, reason, detail },
    });
    if (record.trackId !== trackId) return fail('wrong-track', `record belongs to track ${record.trackId}`);
    if (record.seq !== count) return fail('gap', `expected record ${count}, found ${record.seq}`);
    if (record.prevHash !== expectedPrev) return fail('broken-link', 'previous-hash does not match the record before');
    const recomputed = hashLedgerBody(record);
    if (recomputed !== record.hash) return fail('hash-mismatch', `content hashes to ${recomputed.slice(0, 12)}…, record says ${record.hash.slice(0, 12)}…`);
    expectedPrev = record.hash;
  }
  return { ok: true, records: count, headHash: expectedPrev };
}
