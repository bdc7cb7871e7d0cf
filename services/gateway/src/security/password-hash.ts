import { scrypt, randomBytes, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * scrypt from node:crypto. The stored form carries its parameters
 * (`scrypt$N$r$p$salt$hash`), so raising the cost later does not invalidate older hashes.
 */
export type HashCost = 'fast' | 'standard';

const PARAMS: Readonly<Record<HashCost, { N: number; r: number; p: number }>> = {
  // OWASP's minimum for scrypt is N=2^17 with r=8; 2^15 keeps login near 50 ms on small cores
  // while still costing 32 MiB per guess. `fast` exists for tests only.
  standard: { N: 2 ** 15, r: 8, p: 1 },
  fast: { N: 2 ** 12, r: 8, p: 1 },
};
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...options, maxmem: 256 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export async function hashPassword(password: string, cost: HashCost = 'standard'): Promise<string> {
  const { N, r, p } = PARAMS[cost];
  const salt = randomBytes(16);
  const hash = await derive(password, salt, { N, r, p });
  return ['scrypt', N, r, p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Hash compared against when the e-mail is unknown, so both paths cost the same time. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(cost: HashCost): Promise<string> {
  dummyHash ??= hashPassword('timing-equalizer-0', cost);
  return dummyHash;
}
