import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitOptions {
  readonly timeoutMs: number;
  readonly intervalMs?: number;
  /** Checked between attempts; a returned reason ends the wait early (the process died). */
  readonly giveUpIf?: () => string | undefined;
}

export type WaitResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };


/** Retries `check` until it answers true, the time is up, or `giveUpIf` names a reason. */
export async function waitUntil(check: () => Promise<boolean>, options: WaitOptions): Promise<WaitResult> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const reason = options.giveUpIf?.();
    if (reason !== undefined) return { ok: false, reason };
    if (await check().catch(() => false)) return { ok: true };
    if (Date.now() >= deadline) {
      return { ok: false, reason: `not ready within ${Math.round(options.timeoutMs / 1000)} s` };
    }
    await sleep(options.intervalMs ?? 250);
  }
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function isPortOpen(port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (open: boolean): void => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
