import type pino from 'pino';

/** A destination that keeps every line so tests can read what was logged. */
export function captureLines(): { destination: pino.DestinationStream; lines: () => Record<string, unknown>[]; raw: () => string } {
  const chunks: string[] = [];
  return {
    destination: { write: (msg: string) => void chunks.push(msg) },
    lines: () => chunks.join('').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>),
    raw: () => chunks.join(''),
  };
}
