import { DigiCraftError, type FieldViolation } from '@digicraft/errors';

/**
 * Raised when the environment does not satisfy a service's config schema. The message lists
 * every bad variable at once, so an operator fixes them in one round instead of one per restart.
 */
export class ConfigError extends DigiCraftError {
  constructor(fields: readonly FieldViolation[]) {
    const lines = fields.map((f) => `  - ${f.field}: ${f.message}`);
    super('DC_ERR_CONFIG', 'invalid-argument', `Invalid configuration:\n${lines.join('\n')}`, { fields });
  }
}
