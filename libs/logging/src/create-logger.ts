import pino from 'pino';
import { currentLogContext, type LogContext } from './log-context';
import { redact } from './redact';

export type Logger = pino.Logger;

export interface LoggerOptions {
  readonly service: string;
  /** pino level name; defaults to `info`. */
  readonly level?: string;
  /** Where lines go; stdout when omitted. Tests pass a stream to read what was logged. */
  readonly destination?: pino.DestinationStream;
}

/** JSON lines with the service name, ISO time, a level name and the ids of the current context. */
export function createLogger(options: LoggerOptions): Logger {
  const pinoOptions: pino.LoggerOptions = {
    level: options.level ?? 'info',
    base: { service: options.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      // Redaction of REDACTED_PATHS, done in one pass (see redact.ts for why not pino's `redact`).
      log: (object) => redact(object),
    },
    mixin: contextIds,
  };
  const logger = pino(pinoOptions, options.destination ?? stdoutDestination());
  redactChildBindings(logger);
  return logger;
}

let stdout: pino.DestinationStream | undefined;

/**
 * Stdout written asynchronously: a synchronous write per line was the largest single cost of a
 * request at a few thousand requests a second (the writes now coalesce while one is in flight,
 * and an idle service still writes each line at once). Lines still queued when the process
 * exits, including after a fatal error, are written synchronously on the way out; only a
 * SIGKILL can lose the last few.
 * Lines are queued as buffers: in its string mode sonic-boom measures the UTF-8 length of the
 * whole coalesced batch on every line it appends, which made a busy service's log lines cost
 * more the more of them waited.
 */
function stdoutDestination(): pino.DestinationStream {
  if (stdout !== undefined) return stdout;
  // pino registers this destination to be flushed synchronously when the process exits.
  const boom = pino.destination({ dest: 1, sync: false, minLength: 0, contentMode: 'buffer' });
  // In buffer mode sonic-boom takes Buffers, which its types (string mode only) do not say.
  const destination = { write: (line: string): void => void boom.write(Buffer.from(line, 'utf8') as unknown as string) };
  stdout = destination;
  return destination;
}

/**
 * pino does not run child bindings through formatters, so `logger.child({ user })` is redacted
 * here. Children are created with Object.create(parent), so every descendant inherits this.
 */
function redactChildBindings(logger: Logger): void {
  const child = logger.child;
  logger.child = function childWithRedaction<L extends string = never>(
    this: Logger,
    bindings: pino.Bindings,
    childOptions?: pino.ChildLoggerOptions<L>,
  ): pino.Logger<L> {
    return Reflect.apply(child, this, [redact(bindings), childOptions]) as pino.Logger<L>;
  };
}

function contextIds(): Record<string, string> {
  return idsOf(currentLogContext());
}

/**
 * A logger whose every line carries these ids, for code that holds its context explicitly
 * rather than in AsyncLocalStorage: the gateway does, because on Node 20 an active
 * AsyncLocalStorage makes every promise of every request pay for a hook (about a fifth of a
 * cached read's CPU).
 */
export function withLogContext(logger: Logger, ctx: LogContext): Logger {
  return logger.child(idsOf(ctx));
}

function idsOf(ctx: LogContext | undefined): Record<string, string> {
  const ids: Record<string, string> = {};
  if (ctx?.requestId !== undefined) ids.requestId = ctx.requestId;
  if (ctx?.correlationId !== undefined) ids.correlationId = ctx.correlationId;
  if (ctx?.traceId !== undefined) ids.traceId = ctx.traceId;
  return ids;
}
