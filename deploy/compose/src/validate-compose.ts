/**
 * Validates docker-compose.yml and the service Dockerfiles without a Docker engine: a pure
 * function from what was read to a list of problems, each `<entry or file>: <what is wrong>`.
 * An empty list means `docker compose up` would start every service of the platform.
 */
import { dockerfileProblems } from './check-dockerfile';
import { infraProblems } from './check-infra';
import { type ServiceSource, isWebWithoutImage, serviceProblems } from './check-services';
import { type ComposeEntry, entriesOf, environmentOf, healthcheckTestOf, portsOf, withDefaults } from './compose-model';
import { GATEWAY, INFRA } from './platform-layout';

export type { ServiceSource } from './check-services';

export interface ComposeInputs {
  /** The parsed compose document (YAML merge keys already applied). */
  readonly compose: unknown;
  /** One per directory under services/. */
  readonly services: readonly ServiceSource[];
  /** Whether a path relative to the repository root is an existing file. */
  readonly fileExists: (path: string) => boolean;
  /** `allPlatformTopics()` from @digicraft/contracts. */
  readonly platformTopics: readonly string[];
}

/** Entries that run once and exit; every other entry is long-running. */
const ONE_SHOT = new Set<string>([INFRA.provision]);

function healthcheckProblems(entries: Record<string, ComposeEntry>): string[] {
  return Object.entries(entries)
    .filter(([name]) => !ONE_SHOT.has(name))
    .filter(([, entry]) => healthcheckTestOf(entry) === undefined)
    .map(([name]) => `${name}: long-running entry without a healthcheck`);
}

function imageTagProblems(entries: Record<string, ComposeEntry>): string[] {
  const problems: string[] = [];
  for (const [name, entry] of Object.entries(entries)) {
    if (typeof entry.image !== 'string') continue;
    const image = withDefaults(entry.image);
    const tag = /:([^/:@]+)$/.exec(image.split('@')[0] ?? '')?.[1];
    if (!tag || tag === 'latest') problems.push(`${name}: image "${image}" must be pinned to a tag other than latest`);
  }
  return problems;
}

/** Only 127.0.0.1 publishes anything: the gateway's HTTP port and any entry's own admin port. */
function portProblems(entries: Record<string, ComposeEntry>): string[] {
  const problems: string[] = [];
  for (const [name, entry] of Object.entries(entries)) {
    const env = environmentOf(entry);
    const allowed = [env.ADMIN_PORT, name === GATEWAY ? env.HTTP_PORT : undefined].filter((p) => p !== undefined);
    for (const port of portsOf(entry)) {
      if (port.hostIp !== '127.0.0.1') {
        problems.push(`${name}: port ${port.target} is published on ${port.hostIp || 'every interface'}, not 127.0.0.1`);
      }
      if (!allowed.includes(String(port.target))) {
        problems.push(`${name}: publishes port ${port.target}; only the gateway's HTTP port and admin ports may be published`);
      }
    }
  }
  return problems;
}

export function validateCompose(inputs: ComposeInputs): string[] {
  const entries = entriesOf(inputs.compose);
  const built = inputs.services.filter((source) => !isWebWithoutImage(source));
  return [
    ...infraProblems(entries, inputs.platformTopics),
    ...serviceProblems(inputs.services, entries, inputs.fileExists),
    ...built.flatMap((source) =>
      source.dockerfile === undefined
        ? []
        : dockerfileProblems(`services/${source.name}/Dockerfile`, source.dockerfile, source.packageName),
    ),
    ...healthcheckProblems(entries),
    ...imageTagProblems(entries),
    ...portProblems(entries),
  ];
}
