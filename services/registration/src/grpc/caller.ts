import type { CallContext } from '@digicraft/grpc';
import { ForbiddenActionError, UnauthenticatedError } from '../domain/errors';
import type { OrganizerCaller } from '../app/competitions';

/** The caller the gateway authenticated (metadata), with the role checks every handler needs. */
export interface Caller extends OrganizerCaller {
  readonly roles: readonly string[];
  isOrganizerOf(organizerId: string): boolean;
}

export function callerOf(ctx: CallContext): Caller | undefined {
  const actor = ctx.actor;
  if (actor === undefined) return undefined;
  const isAdmin = actor.roles.includes('admin');
  return { id: actor.id, roles: actor.roles, isAdmin, isOrganizerOf: (organizerId) => isAdmin || organizerId === actor.id };
}

export function requireCaller(ctx: CallContext, ...roles: readonly string[]): Caller {
  const caller = callerOf(ctx);
  if (caller === undefined) throw new UnauthenticatedError();
  if (roles.length > 0 && !caller.isAdmin && !roles.some((r) => caller.roles.includes(r))) {
    throw new ForbiddenActionError(`This needs the ${roles.join(' or ')} role`);
  }
  return caller;
}
