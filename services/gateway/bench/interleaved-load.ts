/**
 * The load side of the gateway bench: autocannon against each target with the same concurrency,
 * in interleaved rounds, with the server processes' CPU time per request (from /proc) as a
 * diagnostic that does not depend on what else the machine is running.
 */
import autocannon from 'autocannon';
import { processCpuMs } from '@digicraft/testkit';

export interface Target {
  readonly name: string;
  readonly url: string;
  readonly headers?: Record<string, string>;
  /** Server processes whose CPU time is charged to this target's requests. */
  readonly pids: readonly number[];
}

interface Run {
  rps: number;
  p99: number;
  requests: number;
  /** Per server process, in the order of Target.pids. */
  cpuSeconds: number[];
}

/** CPU seconds a process has used so far (0 when it cannot be read). */
const cpuSeconds = (pid: number): number => (processCpuMs(pid) ?? 0) / 1000;

async function load(target: Target, durationS: number, connections: number): Promise<Run> {
  const cpuBefore = target.pids.map(cpuSeconds);
  const result = await autocannon({ url: target.url, connections, duration: durationS, headers: target.headers ?? {} });
  // A rate made of error answers measures nothing: fail instead of reporting it.
  if (result.non2xx + result.errors + result.timeouts > 0) {
    throw new Error(`${target.name}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  const cpu = target.pids.map((pid, i) => cpuSeconds(pid) - (cpuBefore[i] ?? 0));
  return { rps: result.requests.average, p99: result.latency.p99, requests: result.requests.total, cpuSeconds: cpu };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

export interface Summary {
  rps: number;
  p99: number;
  /** Server CPU time per request, per process of the target. */
  cpuUsPerRequest: number[];
}

export interface LoadPlan {
  readonly warmupS: number;
  readonly durationS: number;
  readonly rounds: number;
  readonly connections: number;
}

/**
 * Warms every target up, then measures them in interleaved rounds (a, b, c, a, b, c, …) and
 * takes each one's median round: the machine's other load then falls on all of them alike instead
 * of on whichever ran while it peaked.
 */
export async function measureInterleaved(targets: readonly Target[], plan: LoadPlan): Promise<Map<string, Summary>> {
  for (const target of targets) await load(target, plan.warmupS, plan.connections);
  const runs = new Map<string, Run[]>(targets.map((t) => [t.name, []]));
  for (let round = 0; round < plan.rounds; round += 1) {
    for (const target of targets) runs.get(target.name)?.push(await load(target, plan.durationS, plan.connections));
  }
  const out = new Map<string, Summary>();
  for (const [name, list] of runs) {
    const requests = Math.max(1, list.reduce((sum, r) => sum + r.requests, 0));
    const cpu = (list[0]?.cpuSeconds ?? []).map((_, i) => list.reduce((sum, r) => sum + (r.cpuSeconds[i] ?? 0), 0));
    out.set(name, {
      rps: Math.round(median(list.map((r) => r.rps))),
      p99: median(list.map((r) => r.p99)),
      cpuUsPerRequest: cpu.map((seconds) => Math.round((seconds / requests) * 1e6)),
    });
  }
  return out;
}
