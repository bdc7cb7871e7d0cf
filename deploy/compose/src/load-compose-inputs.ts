/**
 * Reads what the validator judges from a checkout: docker-compose.yml (with YAML merge keys,
 * which Compose honours), every services/<name> directory with its package name and Dockerfile,
 * and the platform's topic list from the contracts.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { allPlatformTopics } from '@digicraft/contracts';
import { NotFoundError } from '@digicraft/errors';
import type { ComposeInputs, ServiceSource } from './validate-compose';

export const COMPOSE_FILE = 'docker-compose.yml';

/** Parses compose text the way Compose reads it: YAML 1.2 plus `<<` merge keys. */
export function parseCompose(text: string): unknown {
  return parse(text, { merge: true });
}

function readText(path: string): string | undefined {
  return existsSync(path) && statSync(path).isFile() ? readFileSync(path, 'utf8') : undefined;
}

function packageNameOf(serviceDir: string): string {
  const manifest: unknown = JSON.parse(readText(join(serviceDir, 'package.json')) ?? '{}');
  const name = typeof manifest === 'object' && manifest !== null ? (manifest as { name?: unknown }).name : undefined;
  return typeof name === 'string' ? name : '';
}

function serviceSources(repoRoot: string): ServiceSource[] {
  const servicesDir = join(repoRoot, 'services');
  return readdirSync(servicesDir, { withFileTypes: true })
    .filter((dirent) => dirent.isDirectory())
    .map((dirent) => dirent.name)
    .sort()
    .map((name) => ({
      name,
      packageName: packageNameOf(join(servicesDir, name)),
      dockerfile: readText(join(servicesDir, name, 'Dockerfile')),
    }));
}

export function loadComposeInputs(repoRoot: string): ComposeInputs {
  const text = readText(join(repoRoot, COMPOSE_FILE));
  if (text === undefined) throw new NotFoundError('compose file', join(repoRoot, COMPOSE_FILE));
  return {
    compose: parseCompose(text),
    services: serviceSources(repoRoot),
    fileExists: (path) => readText(join(repoRoot, path)) !== undefined,
    platformTopics: allPlatformTopics(),
  };
}
