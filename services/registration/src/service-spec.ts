import { loadConfigOrExit } from '@digicraft/config';
import { registrationV1 } from '@digicraft/contracts';
import type { StandardServiceSpec } from '@digicraft/runtime';
import { startDeadlineSweeper } from './app/deadline-sweeper';
import { reconcileCounters } from './app/reconcile';
import type { RegistrationDeps } from './app/registration-deps';
import { dataKeyOf, registrationConfigSchema } from './config';
import { competitionHandlers } from './grpc/competition-handlers';
import { registrationHandlers } from './grpc/registration-handlers';
import { CompetitionRepository } from './store/competition-repository';
import { IdentityCipher } from './store/identity-cipher';
import { OUTBOX_COLLECTIONS, registerRegistrationModels, registrationCollections } from './store/models';
import { QuotaCounters } from './store/quota-counters';
import { RegistrationRepository } from './store/registration-repository';
import { SeatCounters } from './store/seat-counters';
import type { ServiceContext } from '@digicraft/runtime';

/** Builds the use cases' dependencies on a connection (the service, and tests on their own database). */
export function buildDeps(context: Pick<ServiceContext, 'connection' | 'logger' | 'relay'>, dataKey: Buffer): RegistrationDeps {
  const c = registrationCollections(context.connection);
  return {
    competitions: new CompetitionRepository(c.competitions),
    registrations: new RegistrationRepository(c.registrations),
    seats: new SeatCounters(c.trackCounters),
    quotas: new QuotaCounters(c.quotaCounters),
    cipher: new IdentityCipher(dataKey),
    publish: (entries) => context.relay.enqueue([...entries]),
    now: () => new Date(),
    logger: context.logger,
  };
}

/**
 * The registration service: its own config on top of the standard one, models with their
 * unique indexes, the outbox collections, and the gRPC handlers. Handlers wait for the
 * start-up reconciliation, so no request sees counters a crash left behind.
 */
export function registrationServiceSpec(env: NodeJS.ProcessEnv = process.env): StandardServiceSpec {
  const config = loadConfigOrExit(registrationConfigSchema, env);
  return {
    name: 'registration',
    database: config.REGISTRATION_DB,
    registerModels: registerRegistrationModels,
    outboxCollections: [...OUTBOX_COLLECTIONS],
    registerGrpc: (server, context) => {
      const deps = buildDeps(context, dataKeyOf(config));
      const ready = reconcileCounters(deps).then((report) => {
        context.logger.info(report, 'seat counters reconciled');
        startDeadlineSweeper(deps, config.REGISTRATION_SWEEP_INTERVAL_MS);
      });
      ready.catch((err: unknown) => context.logger.error({ err }, 'reconciliation failed'));
      server.addService(registrationV1.RegistrationServiceService, gated(ready, { ...competitionHandlers(deps), ...registrationHandlers(deps) }));
    },
  };
}

type Handlers = ReturnType<typeof competitionHandlers> & ReturnType<typeof registrationHandlers>;

/** Every handler first awaits `ready` (resolved once; then it costs one microtask). */
function gated(ready: Promise<void>, handlers: Handlers): Handlers {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(handlers) as [string, (req: unknown, ctx: unknown) => Promise<unknown>][]) {
    out[name] = async (req: unknown, ctx: unknown) => {
      await ready;
      return fn(req, ctx);
    };
  }
  return out as Handlers;
}
