import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';

export interface RunOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Output goes here, not to our stdout: builds and installs are noisy. */
  readonly logFile: string;
}

/** Runs a one-off command (mvn, go build, apt-get) to completion; resolves its exit code. */
export function runCommand(command: string, args: readonly string[], options: RunOptions): Promise<number> {
  mkdirSync(path.dirname(options.logFile), { recursive: true });
  const fd = openSync(options.logFile, 'a');
  writeSync(fd, `\n--- ${new Date().toISOString()} ${command} ${args.join(' ')}\n`);
  return new Promise<number>((resolve) => {
    const child = spawn(command, [...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', fd, fd],
    });
    child.on('error', (error) => {
      writeSync(fd, `failed to run ${command}: ${error.message}\n`);
      closeSync(fd);
      resolve(127);
    });
    child.on('close', (code) => {
      closeSync(fd);
      resolve(code ?? 1);
    });
  });
}
