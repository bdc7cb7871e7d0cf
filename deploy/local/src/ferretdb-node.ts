import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { layout } from './infra-config';
import { ensureFerretdbBinary } from './ferretdb-build';
import type { LocalServerSpec } from './local-server';
import { mongoAnswers } from './server-probes';

export interface FerretdbOptions {
  readonly home: string;
  readonly port: number;
  readonly readyTimeoutMs?: number;
  readonly log?: (line: string) => void;
}

/** FerretDB 1.24.2 on SQLite: the MongoDB-protocol server of machines without MongoDB. */
export function ferretdbServerSpec(options: FerretdbOptions): LocalServerSpec {
  const dir = layout.ferretdbNode(options.home);
  const dataDir = path.join(dir, 'data');
  const url = `mongodb://127.0.0.1:${options.port}`;
  return {
    name: 'mongo (FerretDB)',
    port: options.port,
    address: url,
    dir,
    logFile: path.join(dir, 'ferretdb.log'),
    pidFile: path.join(dir, 'ferretdb.pid'),
    marker: dataDir,
    readyTimeoutMs: options.readyTimeoutMs ?? 30_000,
    stopGraceMs: 10_000,
    answers: () => mongoAnswers(url),
    async prepare() {
      const binary = await ensureFerretdbBinary(options.home, options.log ?? ((): void => undefined));
      // The SQLite backend needs the folder to exist already.
      mkdirSync(dataDir, { recursive: true });
      return { command: binary, args: [`-listen=127.0.0.1:${options.port}`, `-dir=${dataDir}`] };
    },
  };
}
