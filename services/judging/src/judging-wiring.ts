import type { ServiceContext, StandardServiceSpec } from '@digicraft/runtime';
import { registerRegistrationConsumers } from './events/registration-consumers';
import { registerJudgingService } from './grpc/judging-service';
import { createJudgingDeps, type JudgingDeps } from './grpc/judging-deps';
import { OUTBOX_COLLECTIONS } from './store/collections';

/** The judging service's parts for runStandardService; one set of stores per process. */
export function judgingServiceSpec(): StandardServiceSpec {
  let deps: JudgingDeps | undefined;
  const depsOf = (ctx: ServiceContext): JudgingDeps => {
    const db = ctx.connection.db;
    if (db === undefined) throw new Error('the store connection is not open');
    deps ??= createJudgingDeps(db, (entries) => ctx.relay.enqueue(entries));
    return deps;
  };
  return {
    name: 'judging',
    database: 'digicraft_judging',
    outboxCollections: OUTBOX_COLLECTIONS,
    consume: (subscriber, ctx) => registerRegistrationConsumers(subscriber, depsOf(ctx)),
    registerGrpc: (server, ctx) => registerJudgingService(server, depsOf(ctx)),
  };
}
