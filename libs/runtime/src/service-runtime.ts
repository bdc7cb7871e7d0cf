import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics } from 'prom-client';
import type { Logger } from '@digicraft/logging';
import { startAdminServer } from './admin-server';
import { startParts, stopParts, type ServicePart } from './lifecycle';
import type { ReadinessCheck } from './readiness';

export interface ServiceRuntimeOptions {
  readonly name: string;
  readonly logger: Logger;
  readonly adminPort: number;
  readonly bindHost: string;
  readonly shutdownTimeoutMs: number;
  readonly parts: readonly ServicePart[];
  readonly checks: readonly ReadinessCheck[];
  /** Tests pass false so a signal does not end the jest worker. */
  readonly exitOnStop?: boolean;
}

export interface RunningService {
  /** Stops taking work, drains and closes every part within the shutdown budget. */
  stop(reason: string): Promise<void>;
  readonly adminPort: number;
}

let defaultMetricsCollected = false;

/**
 * Runs a process: admin port first (so /livez answers while parts start), then the parts in
 * order; /readyz turns green only once every part started and every check passes. SIGTERM or
 * SIGINT stops taking work, stops the parts in reverse order within a bounded time, and exits.
 */
export async function runService(options: ServiceRuntimeOptions): Promise<RunningService> {
  const { logger } = options;
  if (!defaultMetricsCollected) {
    collectDefaultMetrics();
    defaultMetricsCollected = true;
  }
  let acceptingWork = false;
  let stopping: Promise<void> | undefined;
  let started: ServicePart[] = [];
  const admin: FastifyInstance = await startAdminServer({
    port: options.adminPort,
    host: options.bindHost,
    logger,
    checks: () => options.checks,
    acceptingWork: () => acceptingWork,
  });

  const stop = (reason: string): Promise<void> => {
    stopping ??= (async () => {
      acceptingWork = false;
      const exit = options.exitOnStop !== false;
      // Whatever goes wrong while stopping (a part that hangs, a log write to a closed pipe),
      // the process ends within its budget: a stuck shutdown is worse than an unclean one.
      if (exit) setTimeout(() => process.exit(1), options.shutdownTimeoutMs + 2_000).unref();
      let clean = false;
      try {
        logger.info({ reason }, 'shutting down');
        clean = await stopParts(started, logger, options.shutdownTimeoutMs);
        await admin.close();
        logger.info({ clean }, 'stopped');
        logger.flush?.();
      } finally {
        if (exit) process.exit(clean ? 0 : 1);
      }
    })();
    return stopping;
  };

  if (options.exitOnStop !== false) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void stop(signal));
  }

  try {
    started = await startParts(options.parts, logger);
  } catch (err) {
    await admin.close();
    throw err;
  }
  acceptingWork = true;
  logger.info({ service: options.name, adminPort: options.adminPort }, 'service started');
  return { stop, adminPort: options.adminPort };
}
