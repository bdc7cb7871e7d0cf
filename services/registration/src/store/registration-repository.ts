import type { mongo } from 'mongoose';
import { InsertBatcher } from '@digicraft/store';
import { outboxFieldsForInsert, outboxUpdate, type OutboxEntry } from '@digicraft/messaging';
import type { RegistrationStatus } from '../domain/types';
import { definedOnly } from './defined-only';
import type { RegistrationDoc } from './documents';
import { SEAT_PROJECTION, type SeatFields } from './track-seat-view';

export interface RosterQuery {
  readonly trackId: string;
  readonly statuses: readonly RegistrationStatus[];
  readonly province?: string | undefined;
  readonly institution?: string | undefined;
  /** Exclusive: the last _id of the previous page. */
  readonly after?: string | undefined;
  readonly limit: number;
}

/** Registrations. Hot path = one insert; updates (state changes) happen per registration and off the burst. */
export class RegistrationRepository {
  /**
   * A burst's claims share insertMany calls (group commit): on FerretDB that is what keeps up
   * with hundreds at once. `lingerMs` trades that much latency for fuller batches.
   */
  private readonly inserts: InsertBatcher<RegistrationDoc>;

  constructor(
    private readonly registrations: mongo.Collection<RegistrationDoc>,
    lingerMs = 0,
  ) {
    this.inserts = new InsertBatcher(registrations, 500, lingerMs);
  }

  /**
   * Inserts with its events in the same write; throws the store's duplicate-key error when a
   * unique index refuses it (a second registration, or a seat or queue number already taken).
   */
  async insert(doc: Omit<RegistrationDoc, 'outbox' | 'outboxAt'>, events: readonly OutboxEntry[]): Promise<void> {
    const outcome = await this.inserts.insert({ ...definedOnly(doc), ...outboxFieldsForInsert(events) } as RegistrationDoc);
    if (!outcome.inserted) throw outcome.duplicate;
  }

  async findById(id: string): Promise<RegistrationDoc | null> {
    return this.registrations.findOne({ _id: id });
  }

  /**
   * A state change and its events in one single-document update, applied only if the
   * registration is still in `from` (so two concurrent changes cannot both win).
   */
  async transition(id: string, from: RegistrationStatus, set: Partial<RegistrationDoc>, events: readonly OutboxEntry[], unset: readonly (keyof RegistrationDoc)[] = []): Promise<RegistrationDoc | null> {
    const update = outboxUpdate(events, { $set: { ...definedOnly(set), updatedAt: new Date() }, $inc: { version: 1 } });
    const withUnset = unset.length > 0 ? { ...update, $unset: Object.fromEntries(unset.map((k) => [k, '' as const])) } : update;
    return this.registrations.findOneAndUpdate({ _id: id, status: from }, withUnset, { returnDocument: 'after' });
  }

  /** Team acceptance: adds the member without a state change (no event). */
  async addAcceptedMember(id: string, accountId: string): Promise<RegistrationDoc | null> {
    return this.registrations.findOneAndUpdate(
      { _id: id, status: 'pending-team' },
      { $addToSet: { 'team.accepted': accountId }, $set: { updatedAt: new Date() } },
      { returnDocument: 'after' },
    );
  }

  async byStatus(trackId: string, status: RegistrationStatus): Promise<RegistrationDoc[]> {
    return this.registrations.find({ trackId, status }).toArray();
  }

  async allWithStatus(statuses: readonly RegistrationStatus[]): Promise<RegistrationDoc[]> {
    return this.registrations.find({ status: { $in: [...statuses] } }).toArray();
  }

  async roster(q: RosterQuery): Promise<RegistrationDoc[]> {
    const filter: mongo.Filter<RegistrationDoc> = { trackId: q.trackId };
    if (q.statuses.length > 0) filter.status = { $in: [...q.statuses] };
    if (q.province !== undefined) filter['applicant.province'] = q.province;
    if (q.institution !== undefined) filter['applicant.institution'] = q.institution;
    if (q.after !== undefined) filter._id = { $gt: q.after };
    return this.registrations.find(filter).sort({ _id: 1 }).limit(q.limit).toArray();
  }

  async ofContestant(accountId: string, after: string | undefined, limit: number): Promise<RegistrationDoc[]> {
    const filter: mongo.Filter<RegistrationDoc> = { $or: [{ contestantAccountId: accountId }, { 'team.members': accountId }] };
    if (after !== undefined) filter._id = { $gt: after };
    return this.registrations.find(filter).sort({ _id: 1 }).limit(limit).toArray();
  }

  /** Another registration of this account in the competition (one-per-competition tracks). */
  async existsInCompetition(competitionId: string, accountId: string): Promise<boolean> {
    const doc = await this.registrations.findOne({ competitionId, contestantAccountId: accountId, status: { $nin: ['withdrawn', 'rejected'] } });
    return doc !== null;
  }

  /** Another registration of this account in this scope (FerretDB: a scan; only after an unexplained collision). */
  async existsInScope(scopeId: string, accountId: string): Promise<boolean> {
    return (await this.registrations.findOne({ scopeId, contestantAccountId: accountId }, { projection: { _id: 1 } })) !== null;
  }

  /** Every registration of a track (promotion decides on the whole waitlist; off the hot path). */
  async ofTrack(trackId: string): Promise<RegistrationDoc[]> {
    return this.registrations.find({ trackId }).toArray();
  }

  /** The seat fields of a track's registrations (seat hints are rebuilt from them). */
  async seatFields(trackId: string): Promise<SeatFields[]> {
    return this.registrations.find({ trackId }, { projection: SEAT_PROJECTION }).toArray();
  }

  /** The seat fields of every registration (start-up reconciliation and the periodic sweep). */
  async allSeatFields(): Promise<SeatFields[]> {
    return this.registrations.find({}, { projection: SEAT_PROJECTION }).toArray();
  }
}
