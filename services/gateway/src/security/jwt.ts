import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/**
 * Compact JWS signed with the configured key: RS256 for an RSA key (at least 2048 bits), EdDSA
 * for an Ed25519 key. The algorithm belongs to the key, never to the token: verification takes
 * the key by `kid` and accepts only that key's algorithm, so `alg: none` and key-confusion tricks
 * fail by construction.
 */
export type JwtAlgorithm = 'RS256' | 'EdDSA';

/** The algorithm a key signs with, or undefined for a key we do not accept. */
export function algorithmOf(key: KeyObject): JwtAlgorithm | undefined {
  if (key.asymmetricKeyType === 'ed25519') return 'EdDSA';
  if (key.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) >= 2048) return 'RS256';
  return undefined;
}

/** node:crypto's digest argument: RS256 hashes with SHA-256, Ed25519 signs the message itself. */
const digestOf = (alg: JwtAlgorithm): string | null => (alg === 'RS256' ? 'sha256' : null);
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
  const alg = algorithmOf(key.privateKey);
  if (alg === undefined) throw new TypeError('the signing key must be RSA (2048 bits or more) or Ed25519');
  const header = b64(JSON.stringify({ alg, typ: 'JWT', kid: key.kid }));
  const payload = b64(JSON.stringify(claims));
  const signature = sign(digestOf(alg), Buffer.from(`${header}.${payload}`), key.privateKey);
  return `${header}.${payload}.${signature.toString('base64url')}`;
}

/** Public keys by kid: the current signing key's and those of recently rotated-out keys. */
export type VerificationKeys = ReadonlyMap<string, KeyObject>;

export function verifyJwt(token: string, keys: VerificationKeys, issuer: string, nowSeconds = Math.floor(Date.now() / 1000)): VerifyResult {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed' };
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = parseJson(headerPart);
  if (header === undefined || typeof header.alg !== 'string' || typeof header.kid !== 'string') return { ok: false, reason: 'bad header' };
  const key = keys.get(header.kid);
  if (key === undefined) return { ok: false, reason: 'unknown key' };
  const alg = algorithmOf(key);
  if (alg === undefined || header.alg !== alg) return { ok: false, reason: 'wrong algorithm for the key' };
  const valid = verify(digestOf(alg), Buffer.from(`${headerPart}.${payloadPart}`), key, Buffer.from(signaturePart, 'base64url'));
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
