/**
 * The built judging service (dist) in its own process, with the benchmark's own database and
 * consumer group so it neither reads nor disturbs anyone else's data. Reports readiness over IPC.
 *
 * Everything is loaded from the built packages, as in production: an `import` here would be
 * rewritten by @swc-node/register to the libraries' src/, giving the process two copies of
 * @digicraft/errors (src for the runtime, dist for the service), so `instanceof DigiCraftError`
 * would fail and every rule the service enforces would reach the caller as an internal error.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as Runtime from '@digicraft/runtime';
import type * as Wiring from '../src/judging-wiring';
import type { mongo } from 'mongoose';
import { countStoreOps } from './store-op-counter';

const fromDist = createRequire(path.join(__dirname, '..', 'dist', 'main.js'));
const { startStandardService } = fromDist('@digicraft/runtime') as typeof Runtime;
const { judgingServiceSpec } = fromDist('./judging-wiring') as typeof Wiring;

// The driver mongoose uses (the one the service's collections come from), for the op counts.
const fromMongoose = createRequire(fromDist.resolve('mongoose'));
const snapshot = countStoreOps(fromMongoose('mongodb') as typeof mongo);
process.on('message', (message: unknown) => {
  if (message === 'store-ops?') process.send?.({ storeOps: snapshot() });
});

const database = process.env.BENCH_DATABASE ?? 'judging_bench';
startStandardService({ ...judgingServiceSpec(), name: `judging-bench-${database}`, database }).then(
  () => process.send?.({ ready: true }),
  (error: unknown) => {
    process.stderr.write(`judging failed to start: ${String(error)}\n`);
    process.exit(1);
  },
);
