/**
 * Drops `undefined` properties (deeply) before a write: the driver would store them as `null`,
 * and a `null` where the model says "absent" breaks readers (and protobuf encoding) later.
 */
export function definedOnly<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => definedOnly(v)) as T;
  if (value === null || typeof value !== 'object' || value instanceof Date || Buffer.isBuffer(value) || value instanceof Uint8Array) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = definedOnly(v);
  return out as T;
}
