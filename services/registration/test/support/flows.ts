import { eventually as poll } from '@digicraft/testkit';
import { applicant, http, publishedTrack, type Answer } from './api';
import type { Stack } from './stack';

/** A published track and the paths a contestant uses with it. */
export interface OpenTrack {
  readonly competitionId: string;
  readonly trackId: string;
  /** POST here to register, GET (organizer) for the roster. */
  readonly registrations: string;
}

/** A published one-track competition (see publishedTrack) with its registrations path. */
export async function openTrack(stack: Stack, organizerToken: string, track: Record<string, unknown>, top: Record<string, unknown> = {}): Promise<OpenTrack> {
  const { competitionId, trackId } = await publishedTrack(stack.gatewayUrl, organizerToken, track, top);
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

/** Polls `read` until `ok` holds (the service acts on its own, e.g. its deadline sweep), or fails naming the last value. */
export function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 20_000, what = 'condition'): Promise<T> {
  return poll(
    what,
    async (seen) => {
      const value = await read();
      seen(JSON.stringify(value));
      return ok(value) ? value : undefined;
    },
    timeoutMs,
    250,
  );
}

