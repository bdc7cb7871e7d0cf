import { AsyncLocalStorage } from 'node:async_hooks';

/** The ids that tie one line of log to a request, a chain of events and a distributed trace. */
export interface LogContext {
  readonly requestId?: string;
  readonly correlationId?: string;
  readonly traceId?: string;
  readonly spanId?: string;
}

const storage = new AsyncLocalStorage<LogContext>();

/**
 * Runs fn with ids that every log line written inside it (across awaits) carries. Nested calls
 * inherit the outer ids and override only the ones they set.
 */
export function runWithLogContext<T>(ctx: LogContext, fn: () => T): T {
  const outer = storage.getStore();
  const merged: LogContext = outer ? { ...outer, ...definedOnly(ctx) } : definedOnly(ctx);
  return storage.run(Object.freeze(merged), fn);
}

export function currentLogContext(): LogContext | undefined {
  return storage.getStore();
}

function definedOnly(ctx: LogContext): LogContext {
  const out: { -readonly [K in keyof LogContext]: LogContext[K] } = {};
  if (ctx.requestId !== undefined) out.requestId = ctx.requestId;
  if (ctx.correlationId !== undefined) out.correlationId = ctx.correlationId;
  if (ctx.traceId !== undefined) out.traceId = ctx.traceId;
  if (ctx.spanId !== undefined) out.spanId = ctx.spanId;
  return out;
}
