import type { Connection } from 'mongoose';
import { isDuplicateKeyError } from '@digicraft/store';
import { typedCollection } from './typed-collection';
import { EmailTakenError } from '../domain/errors';
import type { Role } from '../domain/roles';
import { accountModels, type AccountDoc, type AccountModels } from './account-models';

/**
 * Accounts. Every hot read is a find by `_id` (FerretDB pushes only those down to SQLite):
 * login is e-mail doc → account doc, two primary-key lookups.
 */
export class AccountRepository {
  readonly models: AccountModels;

  constructor(conn: Connection) {
    this.models = accountModels(conn);
  }

  /**
   * Reserves the e-mail, then writes the account (with its outbox entries). A reservation left
   * behind by a crash between the two writes points at no account and is reclaimed here.
   */
  async create(account: AccountDoc): Promise<void> {
    const { Account, AccountEmail } = this.models;
    await this.reserveEmail(account.email, account._id);
    try {
      await typedCollection(Account).insertOne(account);
    } catch (err) {
      await AccountEmail.deleteMany({ _id: account.email, accountId: account._id });
      if (isDuplicateKeyError(err)) throw new EmailTakenError();
      throw err;
    }
  }

  private async reserveEmail(email: string, accountId: string, attempt = 0): Promise<void> {
    const { Account, AccountEmail } = this.models;
    try {
      await typedCollection(AccountEmail).insertOne({ _id: email, accountId });
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      const existing = await AccountEmail.findById(email).lean();
      const owner = existing ? await Account.findById(existing.accountId, { _id: 1 }).lean() : null;
      if (owner !== null || attempt > 0 || existing === null) throw new EmailTakenError();
      await AccountEmail.deleteMany({ _id: email, accountId: existing.accountId });
      await this.reserveEmail(email, accountId, attempt + 1);
    }
  }

  async findById(id: string): Promise<AccountDoc | null> {
    return this.models.Account.findById(id).lean<AccountDoc>();
  }

  async findByEmail(email: string): Promise<AccountDoc | null> {
    const link = await this.models.AccountEmail.findById(email).lean();
    if (link === null) return null;
    const account = await this.findById(link.accountId);
    return account !== null && account.email === email ? account : null;
  }

  async addRole(id: string, role: Role): Promise<void> {
    await this.models.Account.updateOne({ _id: id }, { $addToSet: { roles: role } });
  }
}
