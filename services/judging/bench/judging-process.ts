/**
 * The built judging service (dist) in its own process, with the benchmark's own database and
 * consumer group so it neither reads nor disturbs anyone else's data. Reports readiness over IPC.
 */
import { startStandardService } from '@digicraft/runtime';
import { judgingServiceSpec } from '../dist/judging-wiring';

const database = process.env.BENCH_DATABASE ?? 'judging_bench';
startStandardService({ ...judgingServiceSpec(), name: `judging-bench-${database}`, database }).then(
  () => process.send?.({ ready: true }),
  (error: unknown) => {
    process.stderr.write(`judging failed to start: ${String(error)}\n`);
    process.exit(1);
  },
);
