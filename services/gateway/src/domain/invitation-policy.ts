import type { InvitableRole, Role } from './roles';

/**
 * Who may invite whom: admins bring in organizers, judges and further admins; organizers bring
 * in the judges of their competitions. Nobody else invites.
 */
const MAY_INVITE: Readonly<Record<Role, readonly InvitableRole[]>> = {
  admin: ['admin', 'organizer', 'judge'],
  organizer: ['judge'],
  judge: [],
  contestant: [],
  enterprise: [],
};

export function mayInvite(inviterRoles: readonly Role[], role: InvitableRole): boolean {
  return inviterRoles.some((r) => MAY_INVITE[r].includes(role));
}

export const INVITING_ROLES: readonly Role[] = (Object.keys(MAY_INVITE) as Role[]).filter((r) => MAY_INVITE[r].length > 0);
