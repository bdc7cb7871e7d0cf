import type { FastifyInstance } from 'fastify';
import { accountView } from '../../app/account-view';
import type { AuthService } from '../../app/auth-service';
import { AuthenticationRequiredError } from '../../domain/errors';
import { withProblems } from '../schemas';

export function registerMeRoutes(app: FastifyInstance, auth: AuthService): void {
  app.get(
    '/v1/me',
    {
      config: { access: { auth: 'required' } },
      schema: {
        tags: ['accounts'],
        summary: 'The signed-in account',
        security: [{ bearerAuth: [] }],
        response: withProblems({ 200: { $ref: 'Account#' } }),
      },
    },
    async (request) => {
      if (request.actor === undefined) throw new AuthenticationRequiredError();
      return accountView(await auth.me(request.actor.id));
    },
  );
}
