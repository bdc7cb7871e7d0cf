/**
 * CPU time of processes over a phase, from /proc/<pid>/stat (utime + stime), so a bench can say
 * where each unit of work's CPU goes. CPU time is far less disturbed than latency by whatever
 * else the machine runs meanwhile — except for shared servers (FerretDB, Kafka), whose figures
 * include every other client's work during the phase and are therefore upper bounds.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/** CPU milliseconds a process has used so far; undefined when it is gone (or not Linux). */
export function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at state, field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** The oldest process whose command line matches, or undefined (pgrep missing, nothing running). */
export function pidMatching(pattern: string): number | undefined {
  try {
    const out = execFileSync('pgrep', ['-o', '-f', pattern], { encoding: 'utf8' }).trim();
    const pid = Number(out.split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export interface CpuPhase {
  /** CPU microseconds per unit of work (e.g. per save) for each named process. */
  perUnitMicros(units: number): Record<string, number>;
}

/** Starts measuring; `self` is this process (the bench client) via process.cpuUsage. */
export function measureCpu(pids: Readonly<Record<string, number | undefined>>): () => CpuPhase {
  const before = new Map<string, number>();
  for (const [name, pid] of Object.entries(pids)) {
    const ms = pid === undefined ? undefined : processCpuMs(pid);
    if (ms !== undefined) before.set(name, ms);
  }
  const self = process.cpuUsage();
  return () => {
    const spent: Record<string, number> = {};
    for (const [name, pid] of Object.entries(pids)) {
      const start = before.get(name);
      const end = pid === undefined ? undefined : processCpuMs(pid);
      if (start !== undefined && end !== undefined) spent[name] = end - start;
    }
    const client = process.cpuUsage(self);
    spent.benchClient = (client.user + client.system) / 1000;
    return {
      perUnitMicros: (units) => Object.fromEntries(Object.entries(spent).map(([name, ms]) => [name, Math.round((ms * 1000) / Math.max(1, units))])),
    };
  };
}
