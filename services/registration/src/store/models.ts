import { Schema, type Connection, type Model, type mongo } from 'mongoose';
import type { CompetitionDoc, RegistrationDoc } from './documents';
import type { TrackIdClaimDoc } from './track-id-claims';

/**
 * Mongoose models exist to declare collections and unique indexes (created at start by
 * ensureIndexes); reads and writes go through the driver collections, uncast, so outbox
 * payloads stay Buffers and nothing is added behind our back.
 */
export const COLLECTIONS = Object.freeze({
  competitions: 'competitions',
  registrations: 'registrations',
  trackIds: 'track_ids',
});

/** Collections whose documents carry outbox entries (the relay's sweep reads them). */
export const OUTBOX_COLLECTIONS = [COLLECTIONS.competitions, COLLECTIONS.registrations] as const;

const loose = (collection: string): Schema => new Schema({ _id: { type: String, required: true } }, { collection, versionKey: false, strict: false, autoIndex: false });

export function registerRegistrationModels(conn: Connection): void {
  if (conn.models.Competition) return;
  conn.model('Competition', loose(COLLECTIONS.competitions));
  const registrations = loose(COLLECTIONS.registrations);
  // A person may hold at most one registration per scope from one account (the _id covers the
  // identity number; this covers one account typing two different numbers).
  registrations.index({ scopeId: 1, contestantAccountId: 1 }, { unique: true });
  // The seat claim itself: at most one registration per numbered seat and quota place (seat-keys.ts).
  registrations.index({ seat: 1 }, { unique: true });
  registrations.index({ queueSeat: 1 }, { unique: true });
  registrations.index({ provinceSeat: 1 }, { unique: true });
  registrations.index({ institutionSeat: 1 }, { unique: true });
  conn.model('Registration', registrations);
  conn.model('TrackIdClaim', loose(COLLECTIONS.trackIds));
}

export interface RegistrationCollections {
  readonly competitions: mongo.Collection<CompetitionDoc>;
  readonly registrations: mongo.Collection<RegistrationDoc>;
  readonly trackIds: mongo.Collection<TrackIdClaimDoc>;
}

function typed<T extends { _id: string }>(model: Model<unknown> | undefined): mongo.Collection<T> {
  if (model === undefined) throw new Error('registration models are not registered on this connection');
  return model.collection as unknown as mongo.Collection<T>;
}

export function registrationCollections(conn: Connection): RegistrationCollections {
  registerRegistrationModels(conn);
  return {
    competitions: typed<CompetitionDoc>(conn.models.Competition),
    registrations: typed<RegistrationDoc>(conn.models.Registration),
    trackIds: typed<TrackIdClaimDoc>(conn.models.TrackIdClaim),
  };
}
