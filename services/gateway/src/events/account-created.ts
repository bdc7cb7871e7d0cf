import { accountsEventsV1, eventTypeByName } from '@digicraft/contracts';
import { createOutboxEntry, type OutboxEntry } from '@digicraft/messaging';
import { toProtoRole, type Role } from '../domain/roles';
import type { AccountOrigin } from '../store/account-models';

const ACCOUNT_CREATED = eventTypeByName('account.created.v1');

const PROTO_ORIGIN: Readonly<Record<AccountOrigin, accountsEventsV1.AccountOrigin>> = {
  signup: accountsEventsV1.AccountOrigin.ACCOUNT_ORIGIN_SIGNUP,
  invitation: accountsEventsV1.AccountOrigin.ACCOUNT_ORIGIN_INVITATION,
  // The first admin is neither signed up nor invited; the event has no third origin, and
  // consumers (talent-pool) only care about contestants.
  bootstrap: accountsEventsV1.AccountOrigin.ACCOUNT_ORIGIN_UNSPECIFIED,
};

export interface AccountCreatedInput {
  readonly accountId: string;
  readonly roles: readonly Role[];
  readonly origin: AccountOrigin;
  readonly invitedBy?: string | undefined;
  readonly createdAt: Date;
  readonly correlationId?: string | undefined;
  readonly traceparent?: string | undefined;
}

/**
 * `account.created.v1`: no e-mail, no name (DESIGN.md: consumers ask the gateway when they must
 * show a person). Written into the new account document, published by the outbox relay.
 */
export function accountCreatedEvent(input: AccountCreatedInput): OutboxEntry {
  return createOutboxEntry(
    ACCOUNT_CREATED,
    {
      accountId: input.accountId,
      roles: input.roles.map(toProtoRole),
      origin: PROTO_ORIGIN[input.origin],
      invitedByAccountId: input.invitedBy ?? '',
      createdAt: input.createdAt,
    },
    { subject: input.accountId, correlationId: input.correlationId, traceparent: input.traceparent },
  );
}
