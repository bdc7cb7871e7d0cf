import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { PlatformService } from './platform-services';

export interface RunningServiceProcess {
  readonly service: PlatformService;
  readonly child: ChildProcess;
  readonly logFile: string;
  /** Resolves with the exit code (or signal) when the process ends, whoever ended it. */
  readonly exited: Promise<string>;
}

/** Starts `services/<name>/dist/main.js` with its log (pino JSON) going to a file. */
export async function spawnService(
  repoRoot: string,
  logDir: string,
  service: PlatformService,
  env: NodeJS.ProcessEnv,
): Promise<RunningServiceProcess> {
  await mkdir(logDir, { recursive: true });
  const logFile = path.join(logDir, `${service.name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, [path.join(repoRoot, 'services', service.name, 'dist', 'main.js')], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: a terminal's Ctrl-C reaches only the supervisor, which then stops
    // the services in order (gateway first) instead of all of them at once.
    detached: true,
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => {
      log.end();
      resolve(signal ?? `exit code ${code ?? 'unknown'}`);
    }),
  );
  return { service, child, logFile, exited };
}

/** SIGTERM, then SIGKILL if the process has not ended within the grace period. */
export async function stopServiceProcess(proc: RunningServiceProcess, graceMs: number): Promise<void> {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  proc.child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const killed = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      proc.child.kill('SIGKILL');
      resolve();
    }, graceMs);
  });
  await Promise.race([proc.exited, killed]);
  clearTimeout(timer);
  await proc.exited;
}

/** Polls the admin port's /readyz until it answers 200 or the deadline passes. */
export async function waitUntilReady(proc: RunningServiceProcess, deadline: number): Promise<void> {
  const url = `http://127.0.0.1:${proc.service.adminPort}/readyz`;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) {
      throw new Error(`${proc.service.name} exited (${await proc.exited}) before it was ready; see ${proc.logFile}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return;
      last = `${res.status} ${await res.text()}`;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${proc.service.name} was not ready at ${url} in time (last answer: ${last}); see ${proc.logFile}`);
}
