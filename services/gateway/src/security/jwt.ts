import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/**
 * Compact JWS with EdDSA (Ed25519) only. Verification accepts nothing but `alg: EdDSA` and a
 * known `kid`, so `alg: none` and key-confusion tricks fail by construction.
 */
export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
}

export interface AccessClaims {
  readonly sub: string;
  readonly roles: readonly string[];
  readonly iss: string;
  readonly iat: number;
  readonly exp: number;
  /** The refresh-token family (session) this token was issued in. */
  readonly sid: string;
}

export type VerifyResult = { ok: true; claims: AccessClaims } | { ok: false; reason: string };

const b64 = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

export function signJwt(claims: AccessClaims, key: SigningKey): string {
  const header = b64(JSON.stringify({ alg: 'EdDSA', typ: 'JWT', kid: key.kid }));
  const payload = b64(JSON.stringify(claims));
  const signature = sign(null, Buffer.from(`${header}.${payload}`), key.privateKey);
  return `${header}.${payload}.${signature.toString('base64url')}`;
}

/** Public keys by kid: the current signing key's and those of recently rotated-out keys. */
export type VerificationKeys = ReadonlyMap<string, KeyObject>;

export function verifyJwt(token: string, keys: VerificationKeys, issuer: string, nowSeconds = Math.floor(Date.now() / 1000)): VerifyResult {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed' };
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = parseJson(headerPart);
  if (header === undefined || header.alg !== 'EdDSA' || typeof header.kid !== 'string') return { ok: false, reason: 'bad header' };
  const key = keys.get(header.kid);
  if (key === undefined) return { ok: false, reason: 'unknown key' };
  const valid = verify(null, Buffer.from(`${headerPart}.${payloadPart}`), key, Buffer.from(signaturePart, 'base64url'));
  if (!valid) return { ok: false, reason: 'bad signature' };
  const claims = parseJson(payloadPart);
  if (claims === undefined || !isAccessClaims(claims)) return { ok: false, reason: 'bad claims' };
  if (claims.iss !== issuer) return { ok: false, reason: 'wrong issuer' };
  if (claims.exp <= nowSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}

function parseJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function isAccessClaims(value: Record<string, unknown>): value is Record<string, unknown> & AccessClaims {
  return (
    typeof value.sub === 'string' &&
    typeof value.iss === 'string' &&
    typeof value.sid === 'string' &&
    typeof value.iat === 'number' &&
    typeof value.exp === 'number' &&
    Array.isArray(value.roles) &&
    value.roles.every((r) => typeof r === 'string')
  );
}

export function publicKeyOf(privateKey: KeyObject): KeyObject {
  return createPublicKey(privateKey);
}
