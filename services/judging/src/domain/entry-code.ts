import { createHash } from 'node:crypto';

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/**
 * The anonymous code judges see instead of the contestant: derived from the registration id and
 * the track, unambiguous characters only, and not reversible without knowing the registration.
 */
export function entryCode(trackId: string, registrationId: string): string {
  const digest = createHash('sha256').update(`${trackId}\u0000${registrationId}`).digest();
  let code = '';
  for (let i = 0; i < 8; i += 1) code += ALPHABET[(digest[i] as number) % ALPHABET.length];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}
