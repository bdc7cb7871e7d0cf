/**
 * Values of the unique seat fields of a registration. The registration insert IS the seat
 * claim: these fields carry unique indexes, so two registrations can never hold the same
 * numbered place, on MongoDB and on FerretDB alike (whose only atomic primitive is a write
 * rejected by a unique index). A registration that holds nothing gets a filler derived from its
 * own id, because a missing field would count as a duplicate `null`.
 *
 * - `seat`: `${trackId}:confirmed:${n}`, n in 1..capacity, while it holds one of the seats;
 * - `queueSeat`: `${trackId}:queue:${n}` once it joined the waitlist, NEVER changed afterwards:
 *   a number is handed out once per track, so the queue order is the acceptance order even
 *   when an instance with a stale hint tries an old number (it collides and moves on);
 * - `provinceSeat` / `institutionSeat`: `${quotaKey}#${n}`, n in 1..maxConfirmed of the quota.
 */
export type QuotaSeatField = 'provinceSeat' | 'institutionSeat';

export const confirmedSeat = (trackId: string, n: number): string => `${trackId}:confirmed:${n}`;
export const noSeat = (trackId: string, registrationId: string): string => `${trackId}:none:${registrationId}`;
export const queueSeat = (trackId: string, n: number): string => `${trackId}:queue:${n}`;
export const noQueueSeat = (trackId: string, registrationId: string): string => `${trackId}:noqueue:${registrationId}`;
export const quotaSeat = (quotaKey: string, n: number): string => `${quotaKey}#${n}`;
export const noQuotaSeat = (field: QuotaSeatField, registrationId: string): string => `-:${field}:${registrationId}`;

export const QUOTA_FIELD: Readonly<Record<string, QuotaSeatField>> = { province: 'provinceSeat', institution: 'institutionSeat' };

/** The seat number of `${trackId}:${kind}:${n}`, else undefined (fillers, other tracks). */
export function seatNumber(value: string | undefined, trackId: string, kind: 'confirmed' | 'queue'): number | undefined {
  const prefix = `${trackId}:${kind}:`;
  if (value === undefined || !value.startsWith(prefix)) return undefined;
  const n = Number(value.slice(prefix.length));
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** The quota key and number of a quota seat, else undefined (fillers). */
export function parseQuotaSeat(value: string | undefined): { key: string; n: number } | undefined {
  if (value === undefined || value.startsWith('-:')) return undefined;
  const at = value.lastIndexOf('#');
  if (at <= 0) return undefined;
  const n = Number(value.slice(at + 1));
  return Number.isInteger(n) && n > 0 ? { key: value.slice(0, at), n } : undefined;
}

/** The seat field of a quota key `${trackId}|${dimension}|${value}` (domain/quotas.ts). */
export function quotaFieldOf(quotaKey: string): QuotaSeatField {
  const field = QUOTA_FIELD[quotaKey.split('|')[1] ?? ''];
  if (field === undefined) throw new Error(`not a quota key: ${quotaKey}`);
  return field;
}
