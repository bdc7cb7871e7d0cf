import type { IHeaders, Message } from 'kafkajs';
import { headerText } from '../envelope';
import { errorCodeOf } from '../errors';
import { errorMessage } from '../logger';

/** Headers a failed message carries into `.retry` and `.dlq`, next to its untouched envelope. */
export const FAILURE_HEADERS = Object.freeze({
  error: 'dc-error',
  errorCode: 'dc-error-code',
  attempts: 'dc-attempts',
  consumerGroup: 'dc-consumer-group',
  originalTopic: 'dc-original-topic',
  originalPartition: 'dc-original-partition',
  originalOffset: 'dc-original-offset',
  failedAt: 'dc-failed-at',
  retryNotBefore: 'dc-retry-not-before',
} as const);

export interface FailureInfo {
  readonly error: string;
  readonly errorCode: string;
  readonly attempts: number;
  readonly consumerGroup: string;
  readonly originalTopic: string;
  readonly originalPartition: number;
  readonly originalOffset: string;
  readonly failedAt: string;
  readonly retryNotBefore?: string;
}

export interface FailedMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers?: IHeaders;
}

const isFailureHeader = (name: string) => name.startsWith('dc-');

/** The message's own headers without any failure headers from an earlier stage. */
export function envelopeHeadersOf(headers: IHeaders | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name of Object.keys(headers ?? {})) {
    const value = headerText(headers, name);
    if (!isFailureHeader(name) && value !== undefined) result[name] = value;
  }
  return result;
}

export function readFailure(headers: IHeaders | undefined): Partial<FailureInfo> {
  const text = (name: string) => headerText(headers, name);
  const partition = text(FAILURE_HEADERS.originalPartition);
  const attempts = text(FAILURE_HEADERS.attempts);
  return {
    error: text(FAILURE_HEADERS.error),
    errorCode: text(FAILURE_HEADERS.errorCode),
    attempts: attempts === undefined ? undefined : Number(attempts),
    consumerGroup: text(FAILURE_HEADERS.consumerGroup),
    originalTopic: text(FAILURE_HEADERS.originalTopic),
    originalPartition: partition === undefined ? undefined : Number(partition),
    originalOffset: text(FAILURE_HEADERS.originalOffset),
    failedAt: text(FAILURE_HEADERS.failedAt),
    retryNotBefore: text(FAILURE_HEADERS.retryNotBefore),
  };
}

/**
 * Builds the message forwarded to `.retry` or `.dlq`: same key, value and envelope, plus the
 * failure headers. The original coordinates survive a second failure on the retry topic.
 */
export function failedMessage(
  message: FailedMessage,
  error: unknown,
  context: { consumerGroup: string; attempts: number; retryNotBefore?: Date },
): Message {
  const earlier = readFailure(message.headers);
  const headers: Record<string, string> = {
    ...envelopeHeadersOf(message.headers),
    [FAILURE_HEADERS.error]: errorMessage(error).slice(0, 2000),
    [FAILURE_HEADERS.errorCode]: errorCodeOf(error),
    [FAILURE_HEADERS.attempts]: String((earlier.attempts ?? 0) + context.attempts),
    [FAILURE_HEADERS.consumerGroup]: context.consumerGroup,
    [FAILURE_HEADERS.originalTopic]: earlier.originalTopic ?? message.topic,
    [FAILURE_HEADERS.originalPartition]: String(earlier.originalPartition ?? message.partition),
    [FAILURE_HEADERS.originalOffset]: earlier.originalOffset ?? message.offset,
    [FAILURE_HEADERS.failedAt]: new Date().toISOString(),
  };
  if (context.retryNotBefore) headers[FAILURE_HEADERS.retryNotBefore] = context.retryNotBefore.toISOString();
  return { key: message.key, value: message.value, headers };
}
