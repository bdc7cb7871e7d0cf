import { commonV1 } from '@digicraft/contracts';

/** The platform's roles (DESIGN.md "Gateway and public API"). */
export const ROLES = ['contestant', 'judge', 'organizer', 'enterprise', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles a person may take by signing up; the others come by invitation or bootstrap. */
export const SELF_SIGNUP_ROLES = ['contestant', 'enterprise'] as const satisfies readonly Role[];
export type SelfSignupRole = (typeof SELF_SIGNUP_ROLES)[number];

/** Roles that join by invitation. */
export const INVITABLE_ROLES = ['judge', 'organizer', 'admin'] as const satisfies readonly Role[];
export type InvitableRole = (typeof INVITABLE_ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

const PROTO_ROLE: Readonly<Record<Role, commonV1.Role>> = {
  contestant: commonV1.Role.ROLE_CONTESTANT,
  judge: commonV1.Role.ROLE_JUDGE,
  organizer: commonV1.Role.ROLE_ORGANIZER,
  enterprise: commonV1.Role.ROLE_ENTERPRISE,
  admin: commonV1.Role.ROLE_ADMIN,
};

export function toProtoRole(role: Role): commonV1.Role {
  return PROTO_ROLE[role];
}
