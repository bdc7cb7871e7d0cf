import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { MissingToolError } from './infra-errors';
import { runCommand } from './run-command';

export interface ToolSpec {
  readonly command: string;
  /** Debian package that provides it, or undefined when Debian's is unusable (Go is too old there). */
  readonly aptPackage?: string;
  readonly howToInstall: string;
}

export const TOOLS = Object.freeze({
  java: { command: 'java', aptPackage: 'openjdk-17-jre-headless', howToInstall: 'install Java 17 (apt-get install -y openjdk-17-jre-headless)' },
  mvn: { command: 'mvn', aptPackage: 'maven', howToInstall: 'install Maven (apt-get install -y maven)' },
  go: { command: 'go', howToInstall: 'install Go 1.24 or newer and put `go` on the PATH' },
  redis: { command: 'redis-server', aptPackage: 'redis-server', howToInstall: 'install Redis (sudo apt-get update && sudo apt-get install -y redis-server)' },
} satisfies Record<string, ToolSpec>);

/**
 * The absolute path of a command found on the PATH, plus the places tools hide from a login-less
 * shell: /usr/sbin for root's tools, /usr/local/go/bin where Go's own installer puts it (often
 * added to PATH only by an interactive shell's rc file).
 */
export function findOnPath(command: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dirs = [...(env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin', '/usr/local/go/bin'];
  for (const dir of dirs) {
    if (dir === '') continue;
    const candidate = path.join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * Finds a required program; when it is missing, we are root and Debian packages it, installs
 * it with apt-get (logged to `logFile`), otherwise stops with how to install it.
 */
export async function ensureTool(tool: ToolSpec, logFile: string, log: (line: string) => void): Promise<string> {
  const found = findOnPath(tool.command);
  if (found) return found;
  const apt = findOnPath('apt-get');
  if (!tool.aptPackage || !isRoot() || !apt) throw new MissingToolError(tool.command, tool.howToInstall);
  log(`installing ${tool.aptPackage} with apt-get (log: ${logFile})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const updated = await runCommand(apt, ['update'], { cwd: '/', env, logFile });
  const installed = updated === 0 ? await runCommand(apt, ['install', '-y', tool.aptPackage], { cwd: '/', env, logFile }) : updated;
  const after = installed === 0 ? findOnPath(tool.command) : undefined;
  if (!after) throw new MissingToolError(tool.command, `apt-get install ${tool.aptPackage} failed (log: ${logFile}); ${tool.howToInstall}`);
  return after;
}
