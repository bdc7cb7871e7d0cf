/**
 * The two load models of the save benchmark. Both drive the same saves (per assigned entry: a
 * full save of all 30 marks, then an auto-save changing one mark) through the gateway, one judge
 * never having two saves in flight:
 * - closed loop: every judge fires its next save the instant the previous one answers, with no
 *   think time, so the system is saturated and latency is mostly queueing (Little's law:
 *   latency ≈ judges / throughput);
 * - paced: every judge saves on its own ~1 s clock (first save at a random phase, then every
 *   `intervalMs` ± `jitterMs`), like a marking page auto-saving; a save that comes back late
 *   delays only that judge's next one.
 */
import type { ApiClient } from '../demo/http-client';
import { myAssignments } from '../demo/my-assignments';
import { benchMarks } from './bench-scheme';

export interface BenchJudge {
  readonly api: ApiClient;
}

export interface SaveRun {
  /** Milliseconds per save, as the client saw it (gateway, judging service and store included). */
  readonly latencies: number[];
  readonly seconds: number;
}

export interface Pacing {
  readonly intervalMs: number;
  readonly jitterMs: number;
}

type SaveBody = { marks: { aspectId: string; level?: number; points?: number }[] };
interface PlannedSave {
  readonly entryId: string;
  readonly body: SaveBody;
}

/** Each judge's saves, in order, from their own assignment list. */
export async function plannedSaves(judges: readonly BenchJudge[], trackId: string): Promise<PlannedSave[][]> {
  return Promise.all(
    judges.map(async (judge, j) => {
      const items = await myAssignments(judge.api, { trackId });
      return items.flatMap((item, k): PlannedSave[] => {
        const values = benchMarks(k, j);
        const marks = Object.entries(values).map(([aspectId, v]) => (/a\d*[13579]$/.test(aspectId) ? { aspectId, level: v } : { aspectId, points: v / 100 }));
        const oneChanged = { ...(marks[1] as SaveBody['marks'][number]), level: ((values.c0a1 ?? 0) + 1) % 4 };
        return [
          { entryId: item.entryId, body: { marks } },
          { entryId: item.entryId, body: { marks: [oneChanged] } },
        ];
      });
    }),
  );
}

async function timedSave(judge: BenchJudge, save: PlannedSave, latencies: number[]): Promise<void> {
  const start = performance.now();
  await judge.api.put(`/v1/entries/${save.entryId}/marks`, save.body);
  latencies.push(performance.now() - start);
}

export async function closedLoop(judges: readonly BenchJudge[], plans: readonly PlannedSave[][]): Promise<SaveRun> {
  const latencies: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    judges.map(async (judge, j) => {
      for (const save of plans[j] ?? []) await timedSave(judge, save, latencies);
    }),
  );
  return { latencies, seconds: (performance.now() - t0) / 1000 };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export async function paced(judges: readonly BenchJudge[], plans: readonly PlannedSave[][], pacing: Pacing): Promise<SaveRun> {
  const latencies: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    judges.map(async (judge, j) => {
      // The schedule, not the previous answer, sets the next save: slow answers cannot thin the load.
      let due = t0 + Math.random() * pacing.intervalMs;
      for (const save of plans[j] ?? []) {
        await sleep(due - performance.now());
        await timedSave(judge, save, latencies);
        due += pacing.intervalMs + (Math.random() * 2 - 1) * pacing.jitterMs;
      }
    }),
  );
  return { latencies, seconds: (performance.now() - t0) / 1000 };
}
