import Fastify, { type FastifyInstance } from 'fastify';
import { register } from 'prom-client';
import type { Logger } from '@digicraft/logging';
import { evaluateReadiness, type ReadinessCheck } from './readiness';

export interface AdminServerOptions {
  readonly port: number;
  readonly host: string;
  readonly logger: Logger;
  readonly checks: () => readonly ReadinessCheck[];
  /** False while starting and once shutdown begins: /readyz then answers 503 whatever the checks say. */
  readonly acceptingWork: () => boolean;
}

/**
 * The operators' port: `/livez` (the event loop answers), `/readyz` (every dependency is healthy
 * and the process takes work) and `/metrics` (Prometheus text format).
 */
export async function startAdminServer(options: AdminServerOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.get('/livez', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const report = await evaluateReadiness(options.checks());
    const ready = report.ready && options.acceptingWork();
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not-ready', checks: report.checks });
  });
  app.get('/metrics', async (_req, reply) => {
    return reply.header('content-type', register.contentType).send(await register.metrics());
  });
  await app.listen({ port: options.port, host: options.host });
  options.logger.info({ port: options.port }, 'admin server listening');
  return app;
}
