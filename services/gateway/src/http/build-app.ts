import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import cors from '@fastify/cors';
import type { Logger } from '@digicraft/logging';
import type { OutboxEntry } from '@digicraft/messaging';
import type { Redis } from '@digicraft/redis';
import type { ReadinessCheck } from '@digicraft/runtime';
import { AuthService } from '../app/auth-service';
import { InvitationService } from '../app/invitation-service';
import { SessionIssuer } from '../app/session-issuer';
import type { GatewayConfig } from '../config';
import { accessTokenTtl } from '../domain/token-rules';
import type { DownstreamClients } from '../grpc/downstream-clients';
import { IdempotencyStore } from '../redis/idempotency-store';
import { LoginBackoff } from '../redis/login-backoff';
import { configuredPublicReadCache, type PublicReadCache } from '../redis/public-read-cache';
import { RevokedSessions } from '../redis/revoked-sessions';
import type { KeyRing } from '../security/signing-keys';
import type { GatewayStore } from '../store/gateway-store';
import { registerAdmission } from './admission';
import { registerAuthHook } from './auth-hook';
import { registerIdempotency } from './idempotency';
import { registerOpenApi } from './openapi';
import { registerProblemDetails } from './problem-details';
import { publicRead } from './public-read';
import { generateRequestId, registerRequestContext, requestLogger } from './request-context';
import { registerAuthRoutes } from './routes/auth-routes';
import { registerCompetitionRoutes } from './routes/competition-routes';
import { registerCompetitionAdminRoutes, registerCompetitionReadRoute } from './routes/competition-admin-routes';
import { registerRegistrationRoutes } from './routes/registration-routes';
import { registerRegistrationDecisionRoutes } from './routes/registration-decision-routes';
import { registerHealthRoutes } from './routes/health-routes';
import { registerInvitationRoutes } from './routes/invitation-routes';
import { registerJudgingMarkingRoutes } from './routes/judging-marking-routes';
import { registerJudgingResultsRoutes, registerPublishedResultsRoute } from './routes/judging-results-routes';
import { registerJudgingSetupRoutes } from './routes/judging-setup-routes';
import { registerMeRoutes } from './routes/me-routes';
import { SHARED_SCHEMAS } from './schemas';
import { registerSecurityHeaders } from './security-headers';
import './fastify-types';

export interface GatewayDeps {
  readonly config: GatewayConfig;
  readonly logger: Logger;
  readonly store: GatewayStore;
  readonly redis: Redis;
  /** Shared with the consumer that invalidates it; a fresh one when omitted (tests). */
  readonly publicCache?: PublicReadCache;
  readonly keys: KeyRing;
  readonly downstream: DownstreamClients;
  readonly checks?: readonly ReadinessCheck[];
  /** The outbox relay's fast path; without one the relay's sweep publishes later. */
  readonly onEventsWritten?: (entries: readonly OutboxEntry[]) => void;
}

export interface GatewayApp {
  readonly app: FastifyInstance;
  readonly auth: AuthService;
  readonly invitations: InvitationService;
}

/** The public HTTP app, with every dependency passed in (tests build it against real servers). */
export async function buildGatewayApp(deps: GatewayDeps): Promise<GatewayApp> {
  const { config, redis } = deps;
  const prefix = config.REDIS_KEY_PREFIX;
  const accessTtl = accessTokenTtl(config.ACCESS_TOKEN_TTL_SECONDS);
  const revoked = new RevokedSessions(redis, prefix, accessTtl);
  const issuer = new SessionIssuer({
    sessions: deps.store.sessions,
    signingKey: deps.keys.signing,
    issuer: config.JWT_ISSUER,
    accessTtlSeconds: accessTtl,
    refreshTtlSeconds: config.REFRESH_TOKEN_TTL_SECONDS,
  });
  const auth = new AuthService({
    store: deps.store,
    issuer,
    revoked,
    backoff: new LoginBackoff({ redis, prefix, freeFailures: config.LOGIN_FAILURES_BEFORE_BACKOFF }),
    hashCost: config.PASSWORD_HASH_COST === 'fast' ? 'fast' : 'standard',
    onEventsWritten: deps.onEventsWritten ?? (() => undefined),
  });
  const invitations = new InvitationService({ store: deps.store, auth, issuer, ttlSeconds: config.INVITATION_TTL_SECONDS });

  const app = Fastify({
    // pino's Logger is a FastifyBaseLogger; naming the base type keeps route helpers' types simple.
    loggerInstance: deps.logger.child({ component: 'http' }) as FastifyBaseLogger,
    // Our own one-line-per-request log (request-context.ts) replaces fastify's two lines.
    logController: new LogController({ disableRequestLogging: true }),
    // A child carrying the request's ids (fastify's own would add a reqId binding beside them).
    childLoggerFactory: requestLogger,
    genReqId: generateRequestId,
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    ajv: { customOptions: { allErrors: true, removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
  });
  // JSON only: without the text/plain parser any other media type is refused with 415.
  app.removeContentTypeParser('text/plain');
  for (const schema of SHARED_SCHEMAS) app.addSchema(schema);

  registerRequestContext(app);
  registerSecurityHeaders(app);
  registerProblemDetails(app, { retryAfterSeconds: config.DOWNSTREAM_RETRY_AFTER_SECONDS });
  await app.register(cors, {
    origin: config.CORS_ORIGINS.length > 0 ? [...config.CORS_ORIGINS] : false,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'x-request-id'],
    exposedHeaders: ['x-request-id', 'retry-after', 'idempotency-replayed', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset'],
    maxAge: 600,
  });
  registerAdmission(app, {
    redis,
    prefix,
    windowMs: config.RATE_LIMIT_WINDOW_MS,
    perClient: config.RATE_LIMIT_PER_CLIENT,
    perAccount: config.RATE_LIMIT_PER_ACCOUNT,
    authPerClient: config.RATE_LIMIT_AUTH_PER_CLIENT,
    keys: deps.keys.verification,
    issuer: config.JWT_ISSUER,
    revoked,
  });
  registerAuthHook(app, { revoked });
  registerIdempotency(app, { store: new IdempotencyStore(redis, prefix), ttlSeconds: config.IDEMPOTENCY_TTL_SECONDS });
  await registerOpenApi(app);

  registerHealthRoutes(app, deps.checks ?? []);
  registerAuthRoutes(app, auth);
  registerMeRoutes(app, auth);
  registerInvitationRoutes(app, invitations);
  // The public reads anonymous visitors share, through the one cache the event consumer invalidates.
  const read = publicRead(deps.publicCache ?? configuredPublicReadCache(redis, config));
  registerCompetitionRoutes(app, deps.downstream, read);
  registerCompetitionReadRoute(app, deps.downstream, read);
  registerCompetitionAdminRoutes(app, deps.downstream);
  registerRegistrationRoutes(app, deps.downstream);
  registerRegistrationDecisionRoutes(app, deps.downstream);
  registerJudgingSetupRoutes(app, deps.downstream);
  registerJudgingMarkingRoutes(app, deps.downstream);
  registerJudgingResultsRoutes(app, deps.downstream);
  registerPublishedResultsRoute(app, deps.downstream, read);
  await app.ready();
  return { app, auth, invitations };
}
