import { createHash, randomBytes } from 'node:crypto';

/**
 * Opaque secrets (refresh tokens, invitation tokens): 32 random bytes, base64url. Only their
 * SHA-256 is stored, so a database dump does not hand out sessions. A fast hash is right here:
 * the input has 256 bits of entropy, nothing to brute-force.
 */
export function newOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Opaque tokens have a fixed shape; anything else is rejected before touching the store. */
export function looksLikeOpaqueToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

export const MAX_ACCESS_TOKEN_TTL_SECONDS = 900;

export function accessTokenTtl(configured: number): number {
  return Math.min(configured, MAX_ACCESS_TOKEN_TTL_SECONDS);
}
