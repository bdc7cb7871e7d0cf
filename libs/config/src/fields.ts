import { envField, type FieldOptions } from './env-field';

/** Reusable field builders for config schemas; each names what it expects in its messages. */

const INTEGER = /^-?\d+$/;

function integerIn(raw: string, min: number, max: number): number | undefined {
  if (!INTEGER.test(raw)) return undefined;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n >= min && n <= max ? n : undefined;
}

export function port(options?: FieldOptions<number>) {
  return envField('an integer between 1 and 65535', (raw) => integerIn(raw, 1, 65535), options);
}

export function positiveInt(options?: FieldOptions<number>) {
  return envField('a positive integer', (raw) => integerIn(raw, 1, Number.MAX_SAFE_INTEGER), options);
}

const DURATION = /^(\d+)\s*(ms|s|m|h)?$/;
const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds, either a bare integer or with a unit (`500ms`, `10s`, `5m`, `1h`). */
export function durationMs(options?: FieldOptions<number>) {
  return envField(
    'a duration in milliseconds like 1500, or with a unit like 500ms, 10s, 5m, 1h',
    (raw) => {
      const match = DURATION.exec(raw);
      if (!match) return undefined;
      const ms = Number(match[1]) * (UNIT_MS[match[2] ?? 'ms'] ?? 1);
      return Number.isSafeInteger(ms) ? ms : undefined;
    },
    options,
  );
}

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

export function bool(options?: FieldOptions<boolean>) {
  return envField(
    'true or false',
    (raw) => {
      const v = raw.toLowerCase();
      if (TRUE.has(v)) return true;
      if (FALSE.has(v)) return false;
      return undefined;
    },
    options,
  );
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T, options?: FieldOptions<T[number]>) {
  return envField(
    `one of ${values.join(', ')}`,
    (raw) => values.find((v) => v === raw),
    options,
  );
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function logLevel(options?: FieldOptions<LogLevel>) {
  return oneOf(LOG_LEVELS, options);
}

export interface UrlOptions extends FieldOptions<string> {
  /** Accepted schemes, with or without the trailing colon: `['mongodb', 'mongodb+srv']`. */
  readonly protocols?: readonly string[];
}

/** A URL string, kept as written (drivers parse it themselves). */
export function url(options: UrlOptions = {}) {
  const protocols = (options.protocols ?? []).map((p) => (p.endsWith(':') ? p : `${p}:`));
  const expected = protocols.length > 0 ? `a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` : 'a URL';
  return envField(
    expected,
    (raw) => {
      const scheme = /^([a-z][a-z0-9+.-]*:)\/\/[^\s]+$/i.exec(raw)?.[1]?.toLowerCase();
      if (scheme === undefined) return undefined;
      return protocols.length === 0 || protocols.includes(scheme) ? raw : undefined;
    },
    options,
  );
}

const BROKER = /^[A-Za-z0-9.-]+:\d{1,5}$/;

/** `host:port,host:port` → `['host:port', 'host:port']`. */
export function kafkaBrokers(options?: FieldOptions<string[]>) {
  return envField(
    'a comma-separated list of host:port',
    (raw) => {
      const brokers = raw.split(',').map((b) => b.trim());
      const ok = brokers.every((b) => BROKER.test(b) && integerIn(b.slice(b.lastIndexOf(':') + 1), 1, 65535) !== undefined);
      return ok ? brokers : undefined;
    },
    options,
  );
}

const SERVICE_NAME = /^[a-z][a-z0-9-]{0,62}$/;

export function serviceName(options?: FieldOptions<string>) {
  return envField('a lowercase name of letters, digits and dashes', (raw) => (SERVICE_NAME.test(raw) ? raw : undefined), options);
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/** An IPv4 address to bind to: 127.0.0.1 on our machines, 0.0.0.0 inside a container. */
export function bindHost(options?: FieldOptions<string>) {
  return envField('an IPv4 address such as 127.0.0.1 or 0.0.0.0', (raw) => (IPV4.test(raw) ? raw : undefined), options);
}
