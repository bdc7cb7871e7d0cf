import pino from 'pino';
import { currentLogContext } from './log-context';
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
 */
function stdoutDestination(): pino.DestinationStream {
  if (stdout !== undefined) return stdout;
  const destination = pino.destination({ dest: 1, sync: false, minLength: 0 });
  process.once('exit', () => {
    try {
      destination.flushSync();
    } catch {
      // Nothing left to write, or stdout is gone: nothing more can be done on the way out.
    }
  });
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
  const ctx = currentLogContext();
  const ids: Record<string, string> = {};
  if (ctx?.requestId !== undefined) ids.requestId = ctx.requestId;
  if (ctx?.correlationId !== undefined) ids.correlationId = ctx.correlationId;
  if (ctx?.traceId !== undefined) ids.traceId = ctx.traceId;
  return ids;
}
