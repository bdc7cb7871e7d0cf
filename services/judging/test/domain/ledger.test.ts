import { canonicalJson } from '../../src/domain/canonical-json';
import { EMPTY_HEAD, GENESIS_HASH, hashLedgerBody, sealRecords, verifyChain, type LedgerRecord } from '../../src/domain/ledger';
import { entryCode } from '../../src/domain/entry-code';

function chain(): LedgerRecord[] {
  return sealRecords(EMPTY_HEAD, [
    { trackId: 't1', kind: 'marks', actorId: 'j1', at: '2025-01-01T00:00:00.000Z', subject: 'e1', data: { marks: { a: 2 } } },
    { trackId: 't1', kind: 'marks', actorId: 'j2', at: '2025-01-01T00:00:01.000Z', subject: 'e1', data: { marks: { a: 3 } } },
    { trackId: 't1', kind: 'submit', actorId: 'j1', at: '2025-01-01T00:00:02.000Z', subject: 'e1', data: {} },
  ]);
}

describe('canonical JSON', () => {
  it('sorts keys at every level and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: undefined } })).toBe('{"a":{"d":[2,{"y":null,"z":1}]},"b":1}');
  });
});

describe('hash-chained ledger', () => {
  it('links each record to the one before, starting from the genesis hash', () => {
    const records = chain();
    expect(records[0]!.prevHash).toBe(GENESIS_HASH);
    expect(records[1]!.prevHash).toBe(records[0]!.hash);
    expect(records[2]!.hash).toBe(hashLedgerBody(records[2]!));
    expect(verifyChain('t1', records)).toEqual({ ok: true, records: 3, headHash: records[2]!.hash });
  });

  it('fails at the record whose content was changed', () => {
    const records = chain();
    records[1] = { ...records[1]!, data: { marks: { a: 1 } } };
    expect(verifyChain('t1', records).failure).toMatchObject({ seq: 2, reason: 'hash-mismatch' });
  });

  it('a tamperer who re-hashes the record breaks the next link; a deleted record shows as a gap', () => {
    const records = chain();
    const forged = { ...records[1]!, data: { marks: { a: 1 } } };
    records[1] = { ...forged, hash: hashLedgerBody(forged) };
    expect(verifyChain('t1', records).failure).toMatchObject({ seq: 3, reason: 'broken-link' });
    const gapped = chain().filter((r) => r.seq !== 2);
    expect(verifyChain('t1', gapped).failure).toMatchObject({ seq: 3, reason: 'gap' });
  });
});

describe('entry codes', () => {
  it('are stable per registration and track, anonymous-looking and distinct', () => {
    const code = entryCode('t1', 'reg-1');
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    expect(entryCode('t1', 'reg-1')).toBe(code);
    expect(entryCode('t1', 'reg-2')).not.toBe(code);
    expect(code).not.toContain('reg');
  });
});
