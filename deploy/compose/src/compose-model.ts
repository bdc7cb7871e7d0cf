/**
 * Typed reads of a parsed compose document. The parsed YAML is untrusted `unknown`; these
 * helpers accept every spelling Compose accepts (map or list environment, short or long port
 * syntax, string or array commands) so the checks can stay about meaning, not syntax.
 */

export type ComposeEntry = Readonly<Record<string, unknown>>;

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

const scalarText = (value: unknown): string | undefined =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;

/** The `services:` map of a compose document; empty when there is none. */
export function entriesOf(compose: unknown): Record<string, ComposeEntry> {
  const services = asRecord(asRecord(compose)?.services) ?? {};
  const entries: Record<string, ComposeEntry> = {};
  for (const [name, value] of Object.entries(services)) entries[name] = asRecord(value) ?? {};
  return entries;
}

/**
 * Applies Compose interpolation as a user without overrides would get it: `${VAR:-default}` and
 * `${VAR-default}` become the default, a bare `${VAR}` becomes empty, `$$` is a literal `$`.
 */
export function withDefaults(text: string): string {
  return text.replace(/\$\$|\$\{[A-Za-z_][A-Za-z0-9_]*(?::?-([^}]*))?\}/g, (match, fallback: string | undefined) =>
    match === '$$' ? '$' : (fallback ?? ''),
  );
}

/** The entry's environment with defaults applied, from either the map or the `K=V` list form. */
export function environmentOf(entry: ComposeEntry): Record<string, string> {
  const env: Record<string, string> = {};
  const raw = entry.environment;
  if (Array.isArray(raw)) {
    for (const item of raw) {
      const text = scalarText(item) ?? '';
      const eq = text.indexOf('=');
      if (eq > 0) env[text.slice(0, eq)] = withDefaults(text.slice(eq + 1));
    }
  } else {
    for (const [key, value] of Object.entries(asRecord(raw) ?? {})) {
      env[key] = withDefaults(scalarText(value) ?? '');
    }
  }
  return env;
}

/** A command, entrypoint or healthcheck test as one string (array forms joined by spaces). */
export function textOf(value: unknown): string {
  if (Array.isArray(value)) return value.map((part) => scalarText(part) ?? '').join(' ');
  return scalarText(value) ?? '';
}

/** The healthcheck test, or undefined when there is none or it is disabled. */
export function healthcheckTestOf(entry: ComposeEntry): string | undefined {
  const check = asRecord(entry.healthcheck);
  if (!check || check.disable === true) return undefined;
  const test = textOf(check.test).trim();
  return test === '' || test === 'NONE' ? undefined : test;
}

/** Dependencies by name with their condition; the list form means `service_started`. */
export function dependsOnOf(entry: ComposeEntry): Record<string, string> {
  const raw = entry.depends_on;
  const deps: Record<string, string> = {};
  if (Array.isArray(raw)) {
    for (const name of raw) deps[scalarText(name) ?? ''] = 'service_started';
  } else {
    for (const [name, value] of Object.entries(asRecord(raw) ?? {})) {
      deps[name] = scalarText(asRecord(value)?.condition) ?? 'service_started';
    }
  }
  return deps;
}

export interface PortMapping {
  /** Empty when the port is published on every interface. */
  readonly hostIp: string;
  readonly published: string;
  readonly target: number;
}

function parseShortPort(spec: string): PortMapping {
  const withoutProtocol = spec.split('/')[0] ?? '';
  let hostIp = '';
  let rest = withoutProtocol;
  const bracketed = /^\[([^\]]*)\]:(.*)$/.exec(withoutProtocol);
  if (bracketed) {
    hostIp = bracketed[1] ?? '';
    rest = bracketed[2] ?? '';
  }
  const parts = rest.split(':');
  if (!bracketed && parts.length === 3) hostIp = parts.shift() ?? '';
  const target = Number(parts[parts.length - 1]);
  const published = parts.length === 2 ? (parts[0] ?? '') : '';
  return { hostIp, published, target };
}

/** Every published port of an entry, short (`ip:host:container`) or long syntax. */
export function portsOf(entry: ComposeEntry): PortMapping[] {
  if (!Array.isArray(entry.ports)) return [];
  return entry.ports.map((port): PortMapping => {
    const long = asRecord(port);
    if (!long) return parseShortPort(withDefaults(scalarText(port) ?? ''));
    return {
      hostIp: withDefaults(scalarText(long.host_ip) ?? ''),
      published: withDefaults(scalarText(long.published) ?? ''),
      target: Number(withDefaults(scalarText(long.target) ?? '')),
    };
  });
}

/** `build.context` and `build.dockerfile`, whichever form `build` takes. */
export function buildOf(entry: ComposeEntry): { context: string; dockerfile: string } | undefined {
  if (typeof entry.build === 'string') return { context: entry.build, dockerfile: 'Dockerfile' };
  const build = asRecord(entry.build);
  if (!build) return undefined;
  return { context: scalarText(build.context) ?? '.', dockerfile: scalarText(build.dockerfile) ?? 'Dockerfile' };
}
