import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface DetachedCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly logFile: string;
  readonly pidFile: string;
}


/**
 * Starts a server that outlives this Node process: its own process group, stdout and stderr
 * appended to its log file, its pid written to its pid file.
 */
export function spawnDetached(cmd: DetachedCommand): number {
  mkdirSync(path.dirname(cmd.logFile), { recursive: true });
  const fd = openSync(cmd.logFile, 'a');
  try {
    writeSync(fd, `\n--- ${new Date().toISOString()} starting: ${cmd.command} ${cmd.args.join(' ')}\n`);
    const child = spawn(cmd.command, [...cmd.args], {
      cwd: cmd.cwd,
      env: cmd.env ?? process.env,
      detached: true,
      stdio: ['ignore', fd, fd],
    });
    // Without this listener a failed exec (ENOENT) would be an uncaught error event.
    child.on('error', (error) => writeFileSync(cmd.logFile, `spawn failed: ${error.message}\n`, { flag: 'a' }));
    child.unref();
    if (child.pid === undefined) throw new Error(`could not start ${cmd.command}`);
    writeFileSync(cmd.pidFile, `${child.pid}\n`);
    return child.pid;
  } finally {
    closeSync(fd);
  }
}

/**
 * True while the process exists. A zombie counts as gone only once all its threads have exited:
 * a killed JVM's main thread turns zombie while other threads still hold its listening sockets.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state !== 'Z' && state !== 'X') return true;
    return readdirSync(`/proc/${pid}/task`).length > 1;
  } catch {
    return existsSync('/proc') ? false : true; // gone between the calls, or no /proc (not Linux)
  }
}

/** Undefined when /proc cannot tell (not Linux): then a live pid is all we know. */
function belongsTo(pid: number, marker: string): boolean | undefined {
  let cmdline: string;
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return undefined;
  }
  if (cmdline.includes(marker)) return true;
  try {
    // Redis rewrites its process title, so its working folder identifies it instead.
    return readlinkSync(`/proc/${pid}/cwd`) === marker;
  } catch {
    return false;
  }
}

/**
 * The pid in a pid file if that process is still ours. A pid is reused by the OS after a
 * reboot or a crash, so the process's command line must also contain `marker` (a path only
 * our server has on its command line, or its working folder); a stale pid file is removed.
 */
export function readLivePid(pidFile: string, marker: string): number | undefined {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    if (belongsTo(pid, marker) !== false) return pid;
  }
  rmSync(pidFile, { force: true });
  return undefined;
}

export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() >= deadline) return false;
    await sleep(100);
  }
  return true;
}

export type StopOutcome = 'not-running' | 'terminated' | 'killed';

/** SIGTERM, wait for a graceful exit, then SIGKILL so that nothing is ever left behind. */
export async function stopProcess(pid: number, graceMs: number): Promise<StopOutcome> {
  if (!isAlive(pid)) return 'not-running';
  signal(pid, 'SIGTERM');
  if (await waitForExit(pid, graceMs)) return 'terminated';
  signal(pid, 'SIGKILL');
  await waitForExit(pid, 5_000);
  return 'killed';
}

export async function killProcess(pid: number): Promise<void> {
  signal(pid, 'SIGKILL');
  await waitForExit(pid, 5_000);
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** The last lines of a log, for error messages. */
export function tailOf(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines - 1).join('\n');
  } catch {
    return '';
  }
}
