export { connectStore, pingStore, closeStore, type StoreOptions } from './connect-store';
export { ensureIndexes } from './ensure-indexes';
export { UnsupportedIndexError, assertSupportedIndexes, type IndexedModel } from './index-support';
export { isDuplicateKeyError, onDuplicateKey } from './duplicate-key';
export { redactUrlCredentials } from './redact-url';
export { InsertBatcher, type BatchedInsertOutcome } from './insert-batcher';
export { TtlCache } from './ttl-cache';
