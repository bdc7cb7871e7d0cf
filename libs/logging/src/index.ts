export { createLogger, withLogContext, type Logger, type LoggerOptions } from './create-logger';
export { runWithLogContext, currentLogContext, type LogContext } from './log-context';
export {
  parseTraceparent,
  formatTraceparent,
  newTraceparent,
  newTraceContext,
  newTraceId,
  newSpanId,
  type TraceContext,
} from './traceparent';
export { REDACTED_PATHS, REDACTION_CENSOR, REDACTION_DEPTH, SENSITIVE_KEYS } from './redacted-paths';
export { redact } from './redact';
