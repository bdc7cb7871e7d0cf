import type { Connection } from 'mongoose';
import { isDuplicateKeyError } from '@digicraft/store';
import { typedCollection } from './typed-collection';
import { invitationModels, type InvitationDoc, type InvitationModels } from './invitation-models';

export class InvitationRepository {
  readonly models: InvitationModels;

  constructor(conn: Connection) {
    this.models = invitationModels(conn);
  }

  async insert(doc: InvitationDoc): Promise<void> {
    await typedCollection(this.models.Invitation).insertOne(doc);
  }

  async findByHash(hash: string): Promise<InvitationDoc | null> {
    return this.models.Invitation.findById(hash).lean<InvitationDoc>();
  }

  /** True for the one caller that accepts first; false when it was already accepted. */
  async claimAcceptance(hash: string, accountId: string): Promise<boolean> {
    try {
      await typedCollection(this.models.InvitationAcceptance).insertOne({ _id: hash, accountId, acceptedAt: new Date() });
      return true;
    } catch (err) {
      if (isDuplicateKeyError(err)) return false;
      throw err;
    }
  }

  /** Gives an invitation back when the account it was accepted for could not be created. */
  async releaseAcceptance(hash: string, accountId: string): Promise<void> {
    await this.models.InvitationAcceptance.deleteMany({ _id: hash, accountId });
  }

  async sweepExpired(now: Date): Promise<number> {
    const result = await this.models.Invitation.deleteMany({ expiresAt: { $lt: now } });
    return result.deletedCount;
  }
}
