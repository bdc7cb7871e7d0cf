import type { mongo } from 'mongoose';
import { TtlCache } from '@digicraft/store';
import { outboxFieldsForInsert, outboxUpdate, type OutboxEntry } from '@digicraft/messaging';
import type { Competition, CompetitionStatus } from '../domain/types';
import { definedOnly } from './defined-only';
import type { CompetitionDoc } from './documents';

export function toCompetition(doc: CompetitionDoc): Competition {
  const { _id, outbox: _outbox, outboxAt: _at, ...rest } = doc;
  return { ...rest, competitionId: _id, draws: rest.draws ?? [] };
}

/**
 * Competitions, few and read often: reads of published ones are cached in-process for a
 * second (seats are guarded by the counters, so a stale copy can never overbook).
 */
export class CompetitionRepository {
  private readonly cache: TtlCache<Competition | undefined>;

  constructor(
    private readonly competitions: mongo.Collection<CompetitionDoc>,
    cacheMs = 1_000,
  ) {
    this.cache = new TtlCache(cacheMs);
  }

  async insert(c: Competition, events: readonly OutboxEntry[]): Promise<void> {
    const { competitionId, ...rest } = c;
    await this.competitions.insertOne({ _id: competitionId, ...definedOnly(rest), ...outboxFieldsForInsert(events) });
  }

  async findById(id: string): Promise<Competition | undefined> {
    const doc = await this.competitions.findOne({ _id: id });
    return doc === null ? undefined : toCompetition(doc);
  }

  async findCached(id: string): Promise<Competition | undefined> {
    const value = await this.cache.get(id, () => this.findById(id));
    // Only published (and archived) competitions are kept: a draft is still being edited.
    if (value === undefined || value.status === 'draft') this.cache.delete(id);
    return value;
  }

  /** Replaces the editable state if the version still matches; events ride in the same write. */
  async replace(next: Competition, expectedVersion: number, events: readonly OutboxEntry[]): Promise<Competition | undefined> {
    const { competitionId, ...all } = next;
    const rest = definedOnly(all);
    const update = events.length > 0 ? outboxUpdate(events, { $set: rest }) : { $set: rest };
    const doc = await this.competitions.findOneAndUpdate({ _id: competitionId, version: expectedVersion }, update, { returnDocument: 'after' });
    this.cache.delete(competitionId);
    return doc === null ? undefined : toCompetition(doc);
  }

  async list(statuses: readonly CompetitionStatus[], organizerId: string | undefined, after: string | undefined, limit: number): Promise<Competition[]> {
    const filter: mongo.Filter<CompetitionDoc> = { status: { $in: [...statuses] }, ...(organizerId !== undefined ? { organizerId } : {}) };
    if (after !== undefined) filter._id = { $gt: after };
    const docs = await this.competitions.find(filter, { projection: { outbox: 0 } }).sort({ _id: 1 }).limit(limit).toArray();
    return docs.map((d) => toCompetition({ ...d, outbox: [] }));
  }

  async allPublished(): Promise<Competition[]> {
    return this.list(['published'], undefined, undefined, 10_000);
  }
}
