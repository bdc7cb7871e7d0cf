import type { Connection } from 'mongoose';
import { isDuplicateKeyError } from '@digicraft/store';
import { typedCollection } from './typed-collection';
import { sessionModels, type RefreshTokenDoc, type SessionModels } from './session-models';

export type ClaimOutcome = 'claimed' | 'already-rotated';

/**
 * Refresh-token families. All writes are inserts and all reads are finds by `_id`; expired
 * documents are removed by `sweepExpired` (deleteMany is one statement on FerretDB).
 */
export class SessionRepository {
  readonly models: SessionModels;

  constructor(conn: Connection) {
    this.models = sessionModels(conn);
  }

  async insertToken(doc: RefreshTokenDoc): Promise<void> {
    await typedCollection(this.models.RefreshToken).insertOne(doc);
  }

  async findToken(hash: string): Promise<RefreshTokenDoc | null> {
    return this.models.RefreshToken.findById(hash).lean<RefreshTokenDoc>();
  }

  /** Marks the token as exchanged; exactly one caller ever gets `claimed` for a given token. */
  async claimRotation(token: RefreshTokenDoc, now: Date): Promise<ClaimOutcome> {
    try {
      await typedCollection(this.models.RefreshRotation).insertOne({
        _id: token._id,
        rotatedAt: now,
        familyId: token.familyId,
        expiresAt: token.expiresAt,
      });
      return 'claimed';
    } catch (err) {
      if (isDuplicateKeyError(err)) return 'already-rotated';
      throw err;
    }
  }

  async isFamilyRevoked(familyId: string): Promise<boolean> {
    return (await this.models.RevokedFamily.findById(familyId, { _id: 1 }).lean()) !== null;
  }

  /** Idempotent: revoking a revoked family keeps the first reason. */
  async revokeFamily(familyId: string, accountId: string, reason: 'logout' | 'reuse', expiresAt: Date): Promise<void> {
    try {
      await typedCollection(this.models.RevokedFamily).insertOne({ _id: familyId, accountId, reason, revokedAt: new Date(), expiresAt });
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
  }

  /** Removes what can no longer matter: expired tokens, their rotation and revocation markers. */
  async sweepExpired(now: Date): Promise<number> {
    const filter = { expiresAt: { $lt: now } };
    const results = await Promise.all([
      this.models.RefreshToken.deleteMany(filter),
      this.models.RefreshRotation.deleteMany(filter),
      this.models.RevokedFamily.deleteMany(filter),
    ]);
    return results.reduce((sum, r) => sum + r.deletedCount, 0);
  }
}
