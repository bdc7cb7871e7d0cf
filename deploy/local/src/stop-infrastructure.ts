import { resolveInfraConfig, SERVER_NAMES, type ServerName } from './infra-config';
import { localServerStatus, stopLocalServer, type LocalServerStatus } from './local-server';
import { localServerSpecs } from './local-servers';

function namesFrom(names: readonly string[] | undefined): ServerName[] {
  if (names === undefined) return [...SERVER_NAMES];
  return SERVER_NAMES.filter((name) => names.includes(name));
}

/**
 * Stops the launcher's servers (all, or the named ones) that run from this cache folder's pid
 * files: SIGTERM, wait, SIGKILL. Servers it did not start are never touched.
 */
export async function stopInfrastructure(names?: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const specs = localServerSpecs(resolveInfraConfig(env));
  await Promise.all(namesFrom(names).map((name) => stopLocalServer(specs[name])));
}

export async function infrastructureStatus(env: NodeJS.ProcessEnv = process.env): Promise<LocalServerStatus[]> {
  const specs = localServerSpecs(resolveInfraConfig(env));
  return Promise.all(SERVER_NAMES.map((name) => localServerStatus(specs[name])));
}
