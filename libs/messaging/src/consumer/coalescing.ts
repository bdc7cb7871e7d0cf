/**
 * Merges lookups that arrive while one is in flight into a single query. Partitions consumed
 * concurrently each ask "which of these ids were applied?" (on FerretDB every such `$in` scans
 * the whole inbox) and each record their applied ids: one query or insert for all waiting
 * partitions instead of one each. Every caller gets the combined result.
 */
export function coalescing<R>(query: (ids: readonly string[]) => Promise<R>): (ids: readonly string[]) => Promise<R> {
  let waiting: { ids: string[]; resolve: (result: R) => void; reject: (error: unknown) => void }[] = [];
  let inFlight = false;

  const runQueued = async (): Promise<void> => {
    inFlight = true;
    while (waiting.length > 0) {
      const requests = waiting;
      waiting = [];
      try {
        const found = await query(requests.flatMap((request) => request.ids));
        for (const request of requests) request.resolve(found);
      } catch (error) {
        for (const request of requests) request.reject(error);
      }
    }
    inFlight = false;
  };

  return (ids) =>
    new Promise<R>((resolve, reject) => {
      waiting.push({ ids: [...ids], resolve, reject });
      if (!inFlight) void runQueued();
    });
}
