import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The monorepo root: the nearest folder above this file with pnpm-workspace.yaml. Works from
 * src/ (tests, jest globalSetup) and from dist/ (the CLI) alike.
 */
export function findRepoRoot(from: string = __dirname): string {
  let dir = path.resolve(from);
  for (;;) {
    if (existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no pnpm-workspace.yaml above ${from}`);
    dir = parent;
  }
}

/** Where the committed FerretDB wrapper program lives (deploy/local/ferretdb). */
export function ferretdbSourceDir(): string {
  return path.resolve(__dirname, '..', 'ferretdb');
}
