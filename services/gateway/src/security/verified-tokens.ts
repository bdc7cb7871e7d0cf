import { verifyJwt, type AccessClaims, type VerificationKeys, type VerifyResult } from './jwt';

/**
 * Remembers access tokens whose signature already checked out, so a client that sends the same
 * token on every request (for its whole lifetime) costs one Ed25519 verification, not one per
 * request: the verification was the largest single CPU cost of an authenticated request.
 * Expiry is checked on every use; revocation is checked in Redis on every request anyway. Only
 * verified tokens are kept, so garbage tokens cannot grow it, and it is bounded (oldest out first).
 */
export class VerifiedTokens {
  private readonly verified = new Map<string, AccessClaims>();

  constructor(
    private readonly keys: VerificationKeys,
    private readonly issuer: string,
    private readonly maxEntries = 10_000,
  ) {}

  verify(token: string, nowSeconds = Math.floor(Date.now() / 1000)): VerifyResult {
    const known = this.verified.get(token);
    if (known !== undefined) {
      if (known.exp > nowSeconds) return { ok: true, claims: known };
      this.verified.delete(token);
      return { ok: false, reason: 'expired' };
    }
    const result = verifyJwt(token, this.keys, this.issuer, nowSeconds);
    if (result.ok) {
      if (this.verified.size >= this.maxEntries) {
        const oldest = this.verified.keys().next();
        if (oldest.done !== true) this.verified.delete(oldest.value);
      }
      this.verified.set(token, result.claims);
    }
    return result;
  }
}
