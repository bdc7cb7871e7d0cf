import type mongoose from 'mongoose';
import { DigiCraftError } from '@digicraft/errors';

/**
 * FerretDB 1.24 (our local and test server) only has plain, compound and unique indexes.
 * Anything else either fails at creation or, worse, is silently ignored (sparse), so such
 * declarations are refused at start for every environment alike.
 */
export class UnsupportedIndexError extends DigiCraftError {
  constructor(model: string, index: string, reason: string) {
    super('DC_ERR_UNSUPPORTED_INDEX', 'internal', `Model ${model}: index ${index} is not supported (${reason}); only simple, compound and unique indexes are allowed`);
  }
}

const UNSUPPORTED_OPTIONS: Readonly<Record<string, string>> = {
  expireAfterSeconds: 'TTL index; keep expiring data in Redis or sweep it',
  expires: 'TTL index; keep expiring data in Redis or sweep it',
  partialFilterExpression: 'partial index',
  sparse: 'sparse index, which FerretDB silently ignores',
  weights: 'text index',
  collation: 'collation',
  wildcardProjection: 'wildcard index',
  hidden: 'hidden index',
};

/** What index handling needs of a model; any mongoose Model, whatever its document type, fits. */
export interface IndexedModel {
  readonly modelName: string;
  readonly schema: Pick<mongoose.Schema, 'indexes'>;
  createCollection(): Promise<unknown>;
  createIndexes(): Promise<unknown>;
}

/** Throws UnsupportedIndexError naming the model and index for the first unsupported declaration. */
export function assertSupportedIndexes(model: IndexedModel): void {
  for (const [fields, options] of model.schema.indexes()) {
    const name = describeIndex(fields, options.name);
    for (const [field, direction] of Object.entries(fields)) {
      if (field.includes('$**')) throw new UnsupportedIndexError(model.modelName, name, 'wildcard index');
      if (typeof direction === 'string' && !['asc', 'ascending', 'desc', 'descending'].includes(direction)) {
        throw new UnsupportedIndexError(model.modelName, name, `${direction} index`);
      }
    }
    for (const [option, reason] of Object.entries(UNSUPPORTED_OPTIONS)) {
      const value: unknown = (options as Record<string, unknown>)[option];
      if (value !== undefined && value !== false) throw new UnsupportedIndexError(model.modelName, name, reason);
    }
  }
}

export function describeIndex(fields: Readonly<Record<string, unknown>>, name?: string): string {
  const keys = Object.entries(fields).map(([f, d]) => `${f}:${String(d)}`).join(', ');
  return name ? `${name} {${keys}}` : `{${keys}}`;
}
