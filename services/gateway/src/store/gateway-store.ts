import type { Connection, Model } from 'mongoose';
import { ensureIndexes } from '@digicraft/store';
import { AccountRepository } from './account-repository';
import { InvitationRepository } from './invitation-repository';
import { SessionRepository } from './session-repository';

/** The gateway's database: accounts, refresh-token families and role invitations. */
export interface GatewayStore {
  readonly conn: Connection;
  readonly accounts: AccountRepository;
  readonly sessions: SessionRepository;
  readonly invitations: InvitationRepository;
  /** Creates collections and unique indexes; run once at start. */
  ensureIndexes(): Promise<void>;
}

export function createGatewayStore(conn: Connection): GatewayStore {
  const accounts = new AccountRepository(conn);
  const sessions = new SessionRepository(conn);
  const invitations = new InvitationRepository(conn);
  const models = [
    ...Object.values(accounts.models),
    ...Object.values(sessions.models),
    ...Object.values(invitations.models),
  ] as Model<unknown>[];
  return { conn, accounts, sessions, invitations, ensureIndexes: () => ensureIndexes(conn, models) };
}
