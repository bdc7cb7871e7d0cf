import type { Logger } from '@digicraft/logging';

/**
 * One part of a process (store connection, relay, consumer, gRPC server…). Parts start in the
 * order given and stop in reverse, so nothing stops while something that depends on it still runs.
 */
export interface ServicePart {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function startParts(parts: readonly ServicePart[], logger: Logger): Promise<ServicePart[]> {
  const started: ServicePart[] = [];
  for (const part of parts) {
    const t0 = Date.now();
    try {
      await part.start();
    } catch (err) {
      logger.error({ err, part: part.name }, 'part failed to start; stopping the ones already started');
      await stopParts(started, logger, 5_000);
      throw err;
    }
    started.push(part);
    logger.debug({ part: part.name, ms: Date.now() - t0 }, 'part started');
  }
  return started;
}

/** Stops in reverse order; a part that hangs is abandoned when the overall budget runs out. */
export async function stopParts(started: readonly ServicePart[], logger: Logger, budgetMs: number): Promise<boolean> {
  const deadline = Date.now() + budgetMs;
  let clean = true;
  for (const part of [...started].reverse()) {
    const left = deadline - Date.now();
    if (left <= 0) {
      logger.warn({ part: part.name }, 'shutdown budget exhausted; not stopping this part');
      clean = false;
      continue;
    }
    let timer: NodeJS.Timeout | undefined;
    const t0 = Date.now();
    const outcome = await Promise.race([
      part.stop().then(() => 'stopped' as const, (err: unknown) => {
        logger.warn({ err, part: part.name }, 'part failed to stop cleanly');
        return 'failed' as const;
      }),
      new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), left))),
    ]);
    clearTimeout(timer);
    logger.debug({ part: part.name, outcome, ms: Date.now() - t0 }, 'part stop');
    if (outcome !== 'stopped') clean = false;
  }
  return clean;
}
