import { setTimeout as sleep } from 'node:timers/promises';

/** How hard a consumer tries before moving an event along to `.retry`, then `.dlq`. */
export interface RetryPolicy {
  /** In-process attempts per stage (main topic, then retry topic). Default 3. */
  readonly attempts: number;
  /** First in-process backoff; doubles per attempt up to maxBackoffMs. Default 100 ms. */
  readonly backoffMs: number;
  readonly maxBackoffMs: number;
  /** How long a failed event rests in `<topic>.retry` before its second chance. Default 5 s. */
  readonly retryDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  attempts: 3,
  backoffMs: 100,
  maxBackoffMs: 2000,
  retryDelayMs: 5000,
});

export function resolveRetryPolicy(partial: Partial<RetryPolicy> | undefined): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY, ...partial };
  if (!Number.isInteger(policy.attempts) || policy.attempts < 1) throw new RangeError('retry attempts must be an integer >= 1');
  return policy;
}

export type AttemptOutcome = { ok: true; attempts: number } | { ok: false; attempts: number; error: unknown };


/** Runs `work` up to policy.attempts times with exponential backoff between failures. */
export async function runWithRetries(policy: RetryPolicy, work: (attempt: number) => Promise<void>): Promise<AttemptOutcome> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= policy.attempts; attempt += 1) {
    try {
      await work(attempt);
      return { ok: true, attempts: attempt };
    } catch (error) {
      lastError = error;
      if (attempt < policy.attempts) await sleep(Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** (attempt - 1)));
    }
  }
  return { ok: false, attempts: policy.attempts, error: lastError };
}
