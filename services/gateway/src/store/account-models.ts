import { Schema, type Connection, type Model } from 'mongoose';
import type { OutboxEntry } from '@digicraft/messaging';
import type { Role } from '../domain/roles';

export type AccountStatus = 'active' | 'disabled';
export type AccountOrigin = 'signup' | 'invitation' | 'bootstrap';

export interface AccountDoc {
  _id: string;
  email: string;
  displayName: string;
  passwordHash: string;
  roles: Role[];
  status: AccountStatus;
  origin: AccountOrigin;
  organization?: { name: string; creditCode: string } | undefined;
  invitedBy?: string | undefined;
  createdAt: Date;
  /** account.created rides in the document (outbox, DESIGN.md "Events"). */
  outbox?: OutboxEntry[];
  outboxAt?: Date;
}

/**
 * Login looks accounts up by e-mail. On FerretDB only `_id` lookups avoid a collection scan, so
 * each e-mail owns a tiny document keyed by the e-mail itself, which also makes e-mails unique.
 */
export interface AccountEmailDoc {
  _id: string;
  accountId: string;
}

export const ACCOUNTS_COLLECTION = 'accounts';

const accountSchema = new Schema<AccountDoc>(
  {
    _id: { type: String, required: true },
    email: { type: String, required: true },
    displayName: { type: String, required: true },
    passwordHash: { type: String, required: true },
    roles: { type: [String], required: true },
    status: { type: String, required: true },
    origin: { type: String, required: true },
    organization: { type: new Schema({ name: String, creditCode: String }, { _id: false }), required: false },
    invitedBy: { type: String, required: false },
    createdAt: { type: Date, required: true },
    outbox: { type: [Schema.Types.Mixed], default: undefined },
    outboxAt: { type: Date, required: false },
  },
  { collection: ACCOUNTS_COLLECTION, versionKey: false },
);
accountSchema.index({ email: 1 }, { unique: true });

const accountEmailSchema = new Schema<AccountEmailDoc>(
  { _id: { type: String, required: true }, accountId: { type: String, required: true } },
  { collection: 'account_emails', versionKey: false },
);

export interface AccountModels {
  readonly Account: Model<AccountDoc>;
  readonly AccountEmail: Model<AccountEmailDoc>;
}

export function accountModels(conn: Connection): AccountModels {
  return {
    Account: conn.models.Account ?? conn.model<AccountDoc>('Account', accountSchema),
    AccountEmail: conn.models.AccountEmail ?? conn.model<AccountEmailDoc>('AccountEmail', accountEmailSchema),
  };
}
