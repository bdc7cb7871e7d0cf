/** Polls `check` every 100 ms until it holds; fails naming `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * Polls `check` until it returns a value, backing off from 200 ms to `maxDelayMs`, the last look
 * at the deadline itself; then fails naming `what` and the last state seen (`check` reports it
 * through `seen`).
 */
export async function eventually<T>(what: string, check: (seen: (state: string) => void) => Promise<T | undefined>, timeoutMs = 60_000, maxDelayMs = 1_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (let delay = Math.min(200, maxDelayMs); ; delay = Math.min(maxDelayMs, delay * 2)) {
    const value = await check((state) => (last = state));
    if (value !== undefined) return value;
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? ` (last seen: ${last})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, Math.min(delay, left)));
  }
}
