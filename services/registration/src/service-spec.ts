import { loadConfigOrExit } from '@digicraft/config';
import { registrationV1 } from '@digicraft/contracts';
import type { StandardServiceSpec } from '@digicraft/runtime';
import { startDeadlineSweeper } from './app/deadline-sweeper';
import { fillAllFreeSeats } from './app/reconcile';
import { claimExistingTrackIds } from './app/track-id-backfill';
import type { RegistrationDeps } from './app/registration-deps';
import { dataKeyOf, registrationConfigSchema } from './config';
import { competitionHandlers } from './grpc/competition-handlers';
import { registrationHandlers } from './grpc/registration-handlers';
import { CompetitionRepository } from './store/competition-repository';
import { IdentityCipher } from './store/identity-cipher';
import { OUTBOX_COLLECTIONS, registerRegistrationModels, registrationCollections } from './store/models';
import { KeyedLock } from './store/keyed-lock';
import { RegistrationRepository } from './store/registration-repository';
import { SeatHints } from './store/seat-hints';
import { trackSeatView } from './store/track-seat-view';
import { TrackIdClaims } from './store/track-id-claims';
import type { ServiceContext } from '@digicraft/runtime';

/** Builds the use cases' dependencies on a connection (the service, and tests on their own database). */
export function buildDeps(context: Pick<ServiceContext, 'connection' | 'logger' | 'relay'>, dataKey: Buffer, claimLingerMs = 0): RegistrationDeps {
  const c = registrationCollections(context.connection);
  const registrations = new RegistrationRepository(c.registrations, claimLingerMs);
  return {
    competitions: new CompetitionRepository(c.competitions),
    registrations,
    trackIds: new TrackIdClaims(c.trackIds),
    seats: new SeatHints(async (trackId) => trackSeatView(trackId, await registrations.seatFields(trackId))),
    promotionLock: new KeyedLock(),
    cipher: new IdentityCipher(dataKey),
    publish: (entries) => context.relay.enqueue([...entries]),
    now: () => new Date(),
    logger: context.logger,
  };
}

/**
 * The registration service: its own config on top of the standard one, models with their
 * unique indexes (the seat claims), the outbox collections, and the gRPC handlers. Handlers wait
 * for the start-up reconciliation, which hands seats a crash left free to the waitlist.
 */
export function registrationServiceSpec(env: NodeJS.ProcessEnv = process.env): StandardServiceSpec {
  const config = loadConfigOrExit(registrationConfigSchema, env);
  return {
    name: 'registration',
    database: config.REGISTRATION_DB,
    registerModels: registerRegistrationModels,
    outboxCollections: [...OUTBOX_COLLECTIONS],
    registerGrpc: (server, context) => {
      const deps = buildDeps(context, dataKeyOf(config), config.REGISTRATION_CLAIM_LINGER_MS);
      const ready = claimExistingTrackIds(deps).then(async (shared) => {
        if (shared.length > 0) context.logger.error({ shared }, 'track ids used by more than one competition');
        const report = await fillAllFreeSeats(deps);
        context.logger.info(report, 'free seats reconciled');
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
