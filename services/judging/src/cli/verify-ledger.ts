import mongoose from 'mongoose';
import { judgingCollections } from '../store/collections';
import { verifyTrackLedger } from '../store/ledger-audit';

/**
 * `node services/judging/dist/cli/verify-ledger.js --track <trackId> [--database <name>]`
 * Verifies a track's hash-chained audit ledger and its stored marks against it.
 * Exit 0: intact; 1: tampered (first bad record printed); 2: usage or connection problem.
 * Reads MONGO_URL (default mongodb://127.0.0.1:27018).
 */
function argument(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  const trackId = argument('track');
  if (trackId === undefined || trackId === '') {
    process.stderr.write('usage: verify-ledger --track <trackId> [--database digicraft_judging]\n');
    return 2;
  }
  const url = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27018';
  const connection = await mongoose.createConnection(url, { dbName: argument('database') ?? 'digicraft_judging', serverSelectionTimeoutMS: 5000 }).asPromise();
  try {
    const db = connection.db;
    if (db === undefined) throw new Error('no database handle');
    const result = await verifyTrackLedger(judgingCollections(db), trackId);
    process.stdout.write(`${JSON.stringify({ trackId, ...result })}\n`);
    return result.ok ? 0 : 1;
  } finally {
    await connection.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`verify-ledger failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
