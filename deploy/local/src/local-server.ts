import { mkdirSync, rmSync } from 'node:fs';
import { ServerStartError } from './infra-errors';
import { isAlive, readLivePid, spawnDetached, stopProcess, tailOf } from './process-control';
import { isPortOpen, waitUntil } from './readiness';

export interface LaunchCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}

/** Everything the launcher needs to know about one server it may start. */
export interface LocalServerSpec {
  readonly name: string;
  readonly port: number;
  /** What clients connect to, e.g. `127.0.0.1:19092` or `redis://127.0.0.1:16379`. */
  readonly address: string;
  readonly dir: string;
  readonly logFile: string;
  readonly pidFile: string;
  /** A string only this server has on its command line; guards against reused pids. */
  readonly marker: string;
  readonly readyTimeoutMs: number;
  readonly stopGraceMs: number;
  /** Downloads, builds, formats as needed, and says how to run the server. */
  prepare(): Promise<LaunchCommand>;
  answers(): Promise<boolean>;
}

export interface LocalServerState {
  /** Undefined when the port is served by a process this launcher did not start. */
  readonly pid: number | undefined;
  readonly started: boolean;
}

/** How long a server found already running may take to answer (it may be starting). */
const REUSE_WAIT_MS = 5_000;

/**
 * Makes sure the server runs and answers: reuses a live process from the pid file or any
 * server already answering on the port, otherwise starts one detached and waits for it.
 */
export async function ensureLocalServer(spec: LocalServerSpec): Promise<LocalServerState> {
  mkdirSync(spec.dir, { recursive: true });
  const livePid = readLivePid(spec.pidFile, spec.marker);
  if (livePid !== undefined) {
    const ready = await waitUntil(() => spec.answers(), {
      timeoutMs: spec.readyTimeoutMs,
      giveUpIf: () => (isAlive(livePid) ? undefined : `its process ${livePid} exited`),
    });
    if (!ready.ok) throw new ServerStartError(spec.name, `running as pid ${livePid} but ${ready.reason}`, spec.logFile);
    return { pid: livePid, started: false };
  }
  if (await isPortOpen(spec.port)) {
    const ready = await waitUntil(() => spec.answers(), { timeoutMs: REUSE_WAIT_MS });
    if (ready.ok) return { pid: undefined, started: false };
    throw new ServerStartError(
      spec.name,
      `port ${spec.port} is already in use by a program that does not answer as ${spec.name}`,
      spec.logFile,
    );
  }
  return { pid: await launch(spec), started: true };
}

async function launch(spec: LocalServerSpec): Promise<number> {
  const run = await spec.prepare();
  const pid = spawnDetached({ ...run, cwd: spec.dir, logFile: spec.logFile, pidFile: spec.pidFile });
  const ready = await waitUntil(() => spec.answers(), {
    timeoutMs: spec.readyTimeoutMs,
    giveUpIf: () => (isAlive(pid) ? undefined : 'it exited during start'),
  });
  if (ready.ok) return pid;
  await stopProcess(pid, 2_000);
  rmSync(spec.pidFile, { force: true });
  throw new ServerStartError(spec.name, ready.reason, spec.logFile, tailOf(spec.logFile));
}

/** Stops the server if this launcher's pid file names a live process; never touches others. */
export async function stopLocalServer(spec: LocalServerSpec): Promise<number | undefined> {
  const pid = readLivePid(spec.pidFile, spec.marker);
  if (pid !== undefined) await stopProcess(pid, spec.stopGraceMs);
  rmSync(spec.pidFile, { force: true });
  return pid;
}

export interface LocalServerStatus {
  readonly name: string;
  /** `external`: something answers on the port, but not a process from this cache folder. */
  readonly state: 'running' | 'stopped' | 'external';
  readonly pid: number | undefined;
  readonly address: string;
  readonly logFile: string;
}

export async function localServerStatus(spec: LocalServerSpec): Promise<LocalServerStatus> {
  const pid = readLivePid(spec.pidFile, spec.marker);
  const base = { name: spec.name, address: spec.address, logFile: spec.logFile, pid };
  if (pid !== undefined) return { ...base, state: 'running' };
  if (await isPortOpen(spec.port)) return { ...base, state: 'external' };
  return { ...base, state: 'stopped' };
}
