import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { InsertBatcher } from '../src/insert-batcher';

interface Doc {
  _id: string;
  n: number;
}

describe('InsertBatcher (group-committed inserts on the real store)', () => {
  const client = new mongoose.mongo.MongoClient(process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27018');
  const db = client.db(`judging_batcher_${randomUUID().slice(0, 8)}`);

  afterAll(async () => {
    await db.dropDatabase().catch(() => undefined);
    await client.close();
  });

  it('stores every concurrent insert once and tells the loser of a duplicate _id', async () => {
    const col = db.collection<Doc>('docs');
    await col.insertOne({ _id: 'taken', n: 0 });
    const batcher = new InsertBatcher(col);
    const ids = [...Array.from({ length: 50 }, (_, i) => `d${i}`), 'taken', 'd7'];
    const outcomes = await Promise.all(ids.map((_id, n) => batcher.insert({ _id, n })));
    expect(outcomes.filter((o) => !o.inserted)).toHaveLength(2);
    expect(outcomes[50]?.inserted).toBe(false);
    expect(await col.countDocuments({})).toBe(51);
    expect((await col.findOne({ _id: 'taken' }))?.n).toBe(0);
  });
});
