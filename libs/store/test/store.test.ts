import mongoose from 'mongoose';
import { randomUUID } from 'node:crypto';
import { createLogger } from '@digicraft/logging';
import { closeStore, connectStore, ensureIndexes, isDuplicateKeyError, onDuplicateKey, pingStore, UnsupportedIndexError } from '../src';

const url = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27018';
const dbName = `test_store_${randomUUID().slice(0, 8)}`;
const logLines: string[] = [];
const logger = createLogger({ service: 'store-test', level: 'debug', destination: { write: (l: string) => void logLines.push(l) } });

let conn: mongoose.Connection;

beforeAll(async () => {
  conn = await connectStore({ url, dbName, logger });
});

afterAll(async () => {
  await conn.dropDatabase().catch(() => undefined);
  await closeStore(conn);
});

describe('connectStore', () => {
  it('connects, logs it, and answers a ping', async () => {
    await pingStore(conn);
    expect(conn.name).toBe(dbName);
    expect(logLines.join('')).toContain('store connected');
  });

  it('fails with a clear error when the server cannot be reached, without leaking credentials', async () => {
    const started = Date.now();
    await expect(
      connectStore({ url: 'mongodb://admin:pw-secret@127.0.0.1:1', dbName, logger, serverSelectionTimeoutMS: 500 }),
    ).rejects.toMatchObject({ code: 'DC_ERR_UNAVAILABLE', message: expect.not.stringContaining('pw-secret') });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(logLines.join('')).not.toContain('pw-secret');
  });

  it('a closed connection fails the ping', async () => {
    const other = await connectStore({ url, dbName, logger });
    await closeStore(other);
    await expect(pingStore(other)).rejects.toMatchObject({ code: 'DC_ERR_UNAVAILABLE' });
  });
});

describe('ensureIndexes', () => {
  it('creates declared unique indexes, which then reject duplicates', async () => {
    const schema = new mongoose.Schema({ competitionId: String, contestantId: String, trackId: String });
    schema.index({ competitionId: 1, contestantId: 1 }, { unique: true });
    schema.index({ trackId: 1 });
    const Registration = conn.model('Registration', schema);

    await ensureIndexes(conn);
    const names = (await Registration.collection.indexes()).map((i) => i.name);
    expect(names).toEqual(expect.arrayContaining(['competitionId_1_contestantId_1', 'trackId_1']));

    await Registration.create({ competitionId: 'c1', contestantId: 'p1', trackId: 't1' });
    const duplicate = await Registration.create({ competitionId: 'c1', contestantId: 'p1', trackId: 't2' }).catch((err: unknown) => err);
    expect(isDuplicateKeyError(duplicate)).toBe(true);

    const bulk = await Registration.insertMany(
      [
        { competitionId: 'c1', contestantId: 'p2' },
        { competitionId: 'c1', contestantId: 'p1' },
      ],
      { ordered: false },
    ).catch((err: unknown) => err);
    expect(isDuplicateKeyError(bulk)).toBe(true);
    expect(await Registration.countDocuments({ competitionId: 'c1' })).toBe(2);

    await expect(
      onDuplicateKey(
        () => Registration.create({ competitionId: 'c1', contestantId: 'p2' }),
        () => new Error('already registered'),
      ),
    ).rejects.toThrow('already registered');
    // Running it again at the next start is harmless.
    await ensureIndexes(conn);
  });

  it('refuses a TTL index and names the model and index, before creating anything', async () => {
    const fine = new mongoose.Schema({ code: String });
    fine.index({ code: 1 }, { unique: true });
    const session = new mongoose.Schema({ token: String, createdAt: Date });
    session.index({ createdAt: 1 }, { expireAfterSeconds: 3600 });
    const models = [conn.model('Voucher', fine), conn.model('Session', session)];

    const err = await ensureIndexes(conn, models).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnsupportedIndexError);
    expect((err as Error).message).toMatch(/Model Session: index \{createdAt:1\} is not supported \(TTL index/);
    const collections = (await conn.db!.listCollections().toArray()).map((c) => c.name);
    expect(collections).not.toContain('vouchers');
  });

  it('refuses text, partial, sparse and 2dsphere declarations too', async () => {
    const cases: [string, (s: mongoose.Schema) => void, RegExp][] = [
      ['Bio', (s) => s.index({ about: 'text' }), /text index/],
      ['Place', (s) => s.index({ at: '2dsphere' }), /2dsphere index/],
      ['Invite', (s) => s.index({ email: 1 }, { unique: true, partialFilterExpression: { active: true } }), /partial index/],
      ['Badge', (s) => s.index({ code: 1 }, { unique: true, sparse: true }), /sparse/],
      ['Expiring', (s) => s.path('at', { type: Date, expires: 60 }), /TTL index/],
    ];
    for (const [name, declare, reason] of cases) {
      const schema = new mongoose.Schema({ about: String, at: Date, email: String, code: String });
      declare(schema);
      const err = await ensureIndexes(conn, [conn.model(name, schema)]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UnsupportedIndexError);
      expect((err as Error).message).toContain(`Model ${name}:`);
      expect((err as Error).message).toMatch(reason);
    }
  });
});

describe('isDuplicateKeyError', () => {
  it('is false for other errors and non-errors', () => {
    expect(isDuplicateKeyError(new Error('boom'))).toBe(false);
    expect(isDuplicateKeyError({ code: 121 })).toBe(false);
    expect(isDuplicateKeyError(undefined)).toBe(false);
    expect(isDuplicateKeyError(new Error('wrapped', { cause: { code: 11000 } }))).toBe(true);
  });
});

describe('isDuplicateKeyError on the forms each server uses', () => {
  it('recognises an update that hits a unique index on the real server, not other failures', async () => {
    const seats = conn.collection<{ _id: string; seat: string }>('seats');
    await seats.createIndex({ seat: 1 }, { unique: true });
    await seats.insertMany([
      { _id: 'r1', seat: 't1:1' },
      { _id: 'r2', seat: 't1:2' },
    ]);
    const clash = await seats.updateOne({ _id: 'r2' }, { $set: { seat: 't1:1' } }).catch((err: unknown) => err);
    expect(isDuplicateKeyError(clash)).toBe(true);
    expect(isDuplicateKeyError(new Error('connection reset'))).toBe(false);
  });
});
