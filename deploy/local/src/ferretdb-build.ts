import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ServerStartError } from './infra-errors';
import { layout } from './infra-config';
import { ferretdbSourceDir } from './repo-root';
import { runCommand } from './run-command';
import { ensureTool, TOOLS } from './tool-check';

export const FERRETDB_VERSION = '1.24.2';
const SOURCES = ['main.go', 'go.mod', 'go.sum'];

function sourceHash(sourceDir: string): string {
  const hash = createHash('sha256');
  for (const file of SOURCES) hash.update(readFileSync(path.join(sourceDir, file)));
  return hash.digest('hex');
}

/**
 * Builds the FerretDB wrapper (deploy/local/ferretdb) into the cache, again only when its
 * sources changed. Pure-Go SQLite, so no C compiler is needed. Go's module and build caches stay
 * where Go keeps them, so a fresh clone on a warm machine builds in seconds.
 */
export async function ensureFerretdbBinary(home: string, log: (line: string) => void): Promise<string> {
  const dir = layout.ferretdbBin(home);
  const binary = path.join(dir, 'ferretdb');
  const stamp = path.join(dir, 'ferretdb.source-sha256');
  const buildLog = path.join(dir, 'build.log');
  const sourceDir = ferretdbSourceDir();
  const wanted = sourceHash(sourceDir);
  if (existsSync(binary) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === wanted) return binary;
  const go = await ensureTool(TOOLS.go, buildLog, log);
  mkdirSync(dir, { recursive: true });
  log(`building FerretDB ${FERRETDB_VERSION} with Go (log: ${buildLog})`);
  const partial = `${binary}.partial`;
  const code = await runCommand(go, ['build', '-trimpath', '-o', partial, '.'], {
    cwd: sourceDir,
    env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=readonly', GOTOOLCHAIN: 'local' },
    logFile: buildLog,
  });
  if (code !== 0) throw new ServerStartError('mongo (FerretDB)', `go build exited with ${code}`, buildLog);
  renameSync(partial, binary);
  writeFileSync(stamp, `${wanted}\n`);
  return binary;
}
