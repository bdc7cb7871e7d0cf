/**
 * Counts the store commands a process sends, per collection and operation, by wrapping the
 * MongoDB driver's Collection methods (benchmark diagnostics only). Unlike CPU time or latency,
 * the count per save does not depend on what else the machine is doing.
 */
import type { mongo } from 'mongoose';

const OPERATIONS = ['find', 'findOne', 'insertOne', 'insertMany', 'updateOne', 'updateMany', 'replaceOne', 'deleteMany', 'deleteOne', 'findOneAndUpdate', 'countDocuments', 'aggregate', 'bulkWrite'] as const;

export type StoreOpCounts = Record<string, number>;

export function countStoreOps(driver: typeof mongo): () => StoreOpCounts {
  const counts: StoreOpCounts = {};
  // findOne calls find and insertMany calls bulkWrite (synchronously, before any await): count the outer one only.
  let depth = 0;
  const proto = driver.Collection.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const op of OPERATIONS) {
    const original = proto[op];
    if (typeof original !== 'function') continue;
    proto[op] = function counted(this: mongo.Collection, ...args: unknown[]): unknown {
      if (depth === 0) {
        const key = `${this.collectionName}.${op}`;
        counts[key] = (counts[key] ?? 0) + 1;
      }
      depth += 1;
      try {
        return original.apply(this, args);
      } finally {
        depth -= 1;
      }
    };
  }
  return () => ({ ...counts });
}

/** What happened between two snapshots, per save. */
export function opsPerUnit(before: StoreOpCounts, after: StoreOpCounts, units: number): StoreOpCounts {
  const out: StoreOpCounts = {};
  for (const [key, n] of Object.entries(after)) {
    const delta = n - (before[key] ?? 0);
    if (delta > 0) out[key] = Math.round((delta / Math.max(1, units)) * 1000) / 1000;
  }
  return out;
}
