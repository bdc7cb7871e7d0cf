import { durationMs, envField, serviceConfigSchema } from '@digicraft/config';
import type { z } from 'zod';

const HEX_KEY = /^[0-9a-fA-F]{64}$/;

/** Key used only in development and test when REGISTRATION_DATA_KEY is unset. Never in production. */
export const DEVELOPMENT_DATA_KEY = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';

export const registrationConfigSchema = serviceConfigSchema
  .extend({
    /** AES-256 key (64 hex characters) encrypting identity numbers; also keys their lookup HMAC. */
    REGISTRATION_DATA_KEY: envField('64 hexadecimal characters (a 256-bit key)', (raw) => (HEX_KEY.test(raw) ? raw.toLowerCase() : undefined)).optional(),
    REGISTRATION_DB: envField('a database name', (raw) => (/^[A-Za-z0-9_-]{1,63}$/.test(raw) ? raw : undefined), { default: 'digicraft_registration' }),
    /** How often deadlines (team completion, offers) and lottery draws are checked. */
    REGISTRATION_SWEEP_INTERVAL_MS: durationMs({ default: 30_000 }),
    /** How long a claim arriving at an idle store writer waits for others to share its insert. */
    REGISTRATION_CLAIM_LINGER_MS: durationMs({ default: 3 }),
  })
  .superRefine((c, ctx) => {
    if (c.REGISTRATION_DATA_KEY === undefined && c.NODE_ENV === 'production') {
      ctx.addIssue({ code: 'custom', path: ['REGISTRATION_DATA_KEY'], message: 'is required in production' });
    }
  });



export type RegistrationConfig = z.infer<typeof registrationConfigSchema>;

export function dataKeyOf(config: Pick<RegistrationConfig, 'REGISTRATION_DATA_KEY'>): Buffer {
  return Buffer.from(config.REGISTRATION_DATA_KEY ?? DEVELOPMENT_DATA_KEY, 'hex');
}
