import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Identity numbers at rest: AES-256-GCM with a random 96-bit nonce, stored as
 * `v1.<nonce>.<tag>.<ciphertext>` (base64url). The person key used in natural ids is an HMAC
 * of the number under a key derived from the same secret, so ids reveal nothing.
 */
export class IdentityCipher {
  private readonly hmacKey: Buffer;

  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new RangeError('the data key must be 32 bytes');
    this.hmacKey = createHmac('sha256', key).update('person-key').digest();
  }

  encrypt(plain: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', nonce.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  decrypt(sealed: string): string {
    const [version, nonce, tag, body] = sealed.split('.');
    if (version !== 'v1' || nonce === undefined || tag === undefined || body === undefined) throw new Error('not a sealed value');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(nonce, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Stable, non-reversible key of a person: the same number always gives the same key. */
  personKey(identityNumber: string): string {
    return createHmac('sha256', this.hmacKey).update(identityNumber).digest('base64url').slice(0, 22);
  }
}
