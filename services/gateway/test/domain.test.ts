import { generateKeyPairSync } from 'node:crypto';
import { checkCreditCode } from '../src/domain/credit-code';
import { checkPassword } from '../src/domain/password-policy';
import { mayInvite } from '../src/domain/invitation-policy';
import { signJwt, verifyJwt, type AccessClaims } from '../src/security/jwt';
import { hashPassword, verifyPassword } from '../src/security/password-hash';

describe('unified social credit code (GB 32100-2015)', () => {
  it.each(['91350100M000100Y43', '91110000802100433B', '91440300708461136T'])('accepts the published code %s', (code) => {
    expect(checkCreditCode(code)).toBeUndefined();
  });
  it('rejects a wrong check character, bad letters and wrong lengths', () => {
    expect(checkCreditCode('91350100M000100Y44')).toBe('checksum');
    expect(checkCreditCode('91350100M000100I43')).toBe('format'); // I is not in the alphabet
    expect(checkCreditCode('9135010OM000100Y43')).toBe('format'); // division code must be digits
    expect(checkCreditCode('91350100M000100Y4')).toBe('format');
  });
});

describe('password policy', () => {
  it('lists every broken rule', () => {
    expect(checkPassword('abc', 'someone@example.test').map((v) => v.message)).toEqual([
      'must be at least 10 characters',
      'must contain a letter and a digit',
    ]);
    expect(checkPassword('someone-2024-pass', 'someone@example.test').map((v) => v.message)).toEqual(['must not contain the e-mail name']);
    expect(checkPassword('correct-horse-42', 'someone@example.test')).toEqual([]);
  });
  it('hashes with scrypt and verifies, with a per-hash salt', async () => {
    const a = await hashPassword('correct-horse-42', 'fast');
    const b = await hashPassword('correct-horse-42', 'fast');
    expect(a).not.toBe(b);
    expect(a.startsWith('scrypt$')).toBe(true);
    expect(await verifyPassword('correct-horse-42', a)).toBe(true);
    expect(await verifyPassword('correct-horse-43', a)).toBe(false);
  });
});

describe('invitation policy', () => {
  it('admins invite anyone invitable, organizers only judges, others nobody', () => {
    expect(mayInvite(['admin'], 'organizer')).toBe(true);
    expect(mayInvite(['organizer'], 'judge')).toBe(true);
    expect(mayInvite(['organizer'], 'admin')).toBe(false);
    expect(mayInvite(['judge', 'contestant', 'enterprise'], 'judge')).toBe(false);
  });
});

describe('RS256 JWT', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ed = generateKeyPairSync('ed25519');
  const now = Math.floor(Date.now() / 1000);
  const claims: AccessClaims = { sub: 'acc-1', roles: ['contestant'], iss: 'gw', iat: now, exp: now + 60, sid: 'fam-1' };

  it('signs with the RSA key as RS256 and verifies', () => {
    const token = signJwt(claims, { kid: 'r1', privateKey: rsa.privateKey });
    expect(JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString())).toMatchObject({ alg: 'RS256', kid: 'r1' });
    expect(verifyJwt(token, new Map([['r1', rsa.publicKey]]), 'gw')).toMatchObject({ ok: true, claims: { sub: 'acc-1' } });
  });
  it("takes the algorithm from the kid's key, never from the token", () => {
    // An EdDSA token presented under an RSA key's kid (and the reverse) is refused before any verification.
    const edToken = signJwt(claims, { kid: 'r1', privateKey: ed.privateKey });
    expect(verifyJwt(edToken, new Map([['r1', rsa.publicKey]]), 'gw')).toEqual({ ok: false, reason: 'wrong algorithm for the key' });
    const rsToken = signJwt(claims, { kid: 'e1', privateKey: rsa.privateKey });
    expect(verifyJwt(rsToken, new Map([['e1', ed.publicKey]]), 'gw')).toEqual({ ok: false, reason: 'wrong algorithm for the key' });
  });
  it('refuses RSA keys under 2048 bits', () => {
    const weak = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() => signJwt(claims, { kid: 'w', privateKey: weak.privateKey })).toThrow(TypeError);
  });
});

describe('EdDSA JWT', () => {
  const current = generateKeyPairSync('ed25519');
  const previous = generateKeyPairSync('ed25519');
  const now = Math.floor(Date.now() / 1000);
  const claims: AccessClaims = { sub: 'acc-1', roles: ['contestant'], iss: 'gw', iat: now, exp: now + 60, sid: 'fam-1' };
  const keys = new Map([
    ['k2', current.publicKey],
    ['k1', previous.publicKey],
  ]);

  it('verifies tokens of the current key and of a rotated-out key still listed', () => {
    expect(verifyJwt(signJwt(claims, { kid: 'k2', privateKey: current.privateKey }), keys, 'gw')).toMatchObject({ ok: true });
    expect(verifyJwt(signJwt(claims, { kid: 'k1', privateKey: previous.privateKey }), keys, 'gw')).toMatchObject({ ok: true });
  });
  it('rejects unknown kids, forged signatures, alg none, other issuers and expired tokens', () => {
    const stranger = generateKeyPairSync('ed25519');
    expect(verifyJwt(signJwt(claims, { kid: 'k9', privateKey: current.privateKey }), keys, 'gw')).toEqual({ ok: false, reason: 'unknown key' });
    expect(verifyJwt(signJwt(claims, { kid: 'k2', privateKey: stranger.privateKey }), keys, 'gw')).toEqual({ ok: false, reason: 'bad signature' });
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', kid: 'k2' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
    expect(verifyJwt(none, keys, 'gw')).toMatchObject({ ok: false });
    expect(verifyJwt(signJwt(claims, { kid: 'k2', privateKey: current.privateKey }), keys, 'other')).toEqual({ ok: false, reason: 'wrong issuer' });
    expect(verifyJwt(signJwt({ ...claims, exp: now - 1 }, { kid: 'k2', privateKey: current.privateKey }), keys, 'gw')).toEqual({ ok: false, reason: 'expired' });
  });
});
