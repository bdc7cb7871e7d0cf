import type { FastifyInstance } from 'fastify';
import { evaluateReadiness, type ReadinessCheck } from '@digicraft/runtime';

/** /livez and /readyz on the public port as well, for load balancers that only see it. */
export function registerHealthRoutes(app: FastifyInstance, checks: readonly ReadinessCheck[]): void {
  const hidden = { hide: true } as Record<string, unknown>;
  app.get('/livez', { config: { access: { auth: 'none', rateLimit: 'none' } }, schema: hidden }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { access: { auth: 'none', rateLimit: 'none' } }, schema: hidden }, async (_request, reply) => {
    const report = await evaluateReadiness(checks);
    return reply.code(report.ready ? 200 : 503).send({ status: report.ready ? 'ready' : 'not-ready' });
  });
}
