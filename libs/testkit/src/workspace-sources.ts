import { existsSync } from 'node:fs';
import Module from 'node:module';
import path from 'node:path';

interface NodeResolver {
  _resolveFilename(this: unknown, request: string, ...rest: unknown[]): string;
}

/**
 * jest loads globalSetup with plain Node resolution: moduleNameMapper does not apply there, so
 * `@digicraft/*` would load the packages' dist/ (stale or missing on a fresh clone). While the
 * setup runs, this maps them to their TypeScript sources, which jest's transform hook compiles,
 * just as the tests see them. Returns the function that undoes it.
 */
export function useWorkspaceSources(repoRoot: string): () => void {
  const resolver = Module as unknown as NodeResolver;
  const original = resolver._resolveFilename;
  resolver._resolveFilename = function resolveWorkspaceSource(this: unknown, request: string, ...rest: unknown[]): string {
    const match = /^@digicraft\/([a-z-]+)$/.exec(request);
    if (match) {
      const source =
        match[1] === 'local-infra'
          ? path.join(repoRoot, 'deploy', 'local', 'src', 'index.ts')
          : path.join(repoRoot, 'libs', match[1], 'src', 'index.ts');
      if (existsSync(source)) return source;
    }
    return original.call(this, request, ...rest);
  };
  return () => {
    resolver._resolveFilename = original;
  };
}
