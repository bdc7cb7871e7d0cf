import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { PASSWORD_POLICY_TEXT } from '../domain/password-policy';

/**
 * OpenAPI 3.1 generated from the route schemas (so it cannot drift from what is validated),
 * at /v1/openapi.json, with browsable docs at /docs. Register before any route.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'DigiCraft public API',
        version: '1.0.0',
        description:
          'Errors are RFC 9457 application/problem+json with a stable `code`. Every POST accepts an ' +
          '`Idempotency-Key` header. Every response carries `x-request-id`. Password policy: ' +
          PASSWORD_POLICY_TEXT +
          '.',
      },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  app.get('/v1/openapi.json', { schema: { hide: true }, config: { access: { auth: 'none' } } }, async () => app.swagger());
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: false });
}
