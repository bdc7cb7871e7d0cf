import { setTimeout as sleep } from 'node:timers/promises';
import { applicant, competitionBody, http, type Answer } from './api';
import type { Stack } from './stack';

/** A published track and the paths a contestant uses with it. */
export interface OpenTrack {
  readonly competitionId: string;
  readonly trackId: string;
  /** POST here to register, GET (organizer) for the roster. */
  readonly registrations: string;
}

/** Creates and publishes a one-track competition; `top` overrides competition fields (windows, deadlines). */
export async function openTrack(stack: Stack, organizerToken: string, track: Record<string, unknown>, top: Record<string, unknown> = {}): Promise<OpenTrack> {
  const created = await http(stack.gatewayUrl, 'POST', '/v1/competitions', organizerToken, { ...competitionBody(track), ...top });
  if (created.status !== 201) throw new Error(`create failed: ${created.status} ${created.text}`);
  const competitionId = String(created.body.competitionId);
  const published = await http(stack.gatewayUrl, 'POST', `/v1/competitions/${competitionId}/publish`, organizerToken);
  if (published.status !== 200) throw new Error(`publish failed: ${published.status} ${published.text}`);
  const trackId = (published.body.spec as { tracks: { trackId: string }[] }).tracks[0]?.trackId ?? '';
  return { competitionId, trackId, registrations: `/v1/competitions/${competitionId}/tracks/${trackId}/registrations` };
}

/** Registers account `accountId` with the n-th test applicant; fails the test unless it is accepted. */
export async function registerOk(stack: Stack, track: OpenTrack, accountId: string, n: number, body: Record<string, unknown> = {}): Promise<Answer> {
  const res = await http(stack.gatewayUrl, 'POST', track.registrations, stack.token(accountId, ['contestant']), { applicant: applicant(n), ...body });
  if (res.status !== 201) throw new Error(`registration of ${accountId} failed: ${res.status} ${res.text}`);
  return res;
}

/** What the contestant sees on GET /v1/registrations/{id}: status name and waitlist position (0 when not waiting). */
export async function seenBy(stack: Stack, registrationId: string, accountId: string): Promise<{ status: string; position: number; body: Record<string, unknown> }> {
  const res = await http(stack.gatewayUrl, 'GET', `/v1/registrations/${registrationId}`, stack.token(accountId, ['contestant']));
  if (res.status !== 200) throw new Error(`GET registration as ${accountId}: ${res.status} ${res.text}`);
  return { status: String(res.body.status), position: Number(res.body.waitlistPosition ?? 0), body: res.body };
}

/** Polls `read` until `ok` holds (the service acts on its own, e.g. its deadline sweep), or fails. */
export async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 20_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!ok(last)) {
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
    await sleep(250);
    last = await read();
  }
  return last;
}

export const iso = (ms: number): string => new Date(ms).toISOString();
