/**
 * Runs work for items concurrently across keys but strictly in order within a key, so a batch
 * with many aggregates goes fast while each aggregate still sees its events in order.
 */
export async function runKeyOrdered<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  concurrency: number,
  run: (item: T) => Promise<void>,
): Promise<void> {
  const lanes = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const lane = lanes.get(key);
    if (lane) lane.push(item);
    else lanes.set(key, [item]);
  }
  const queue = [...lanes.values()];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < queue.length) {
      const lane = queue[next];
      next += 1;
      for (const item of lane) await run(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, queue.length)) }, worker));
}
