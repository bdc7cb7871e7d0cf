import { makeResidentId } from '../../src/domain/resident-id';

export interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly text: string;
}

export async function http(base: string, method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    parsed = {};
  }
  return { status: res.status, body: parsed, text };
}

/** A valid applicant whose identity number is unique for n (birth date and sequence vary). */
export function applicant(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const year = 1990 + (n % 10);
  const day = 1 + (Math.floor(n / 10) % 28);
  const month = 1 + (Math.floor(n / 280) % 12);
  const ymd = `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
  const seq = Math.floor(n / 3360);
  return {
    identityNumber: makeResidentId('110105', ymd, seq),
    birthDate: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    province: 'GD',
    institution: 'Shenzhen Polytechnic',
    certificateLevel: 'CERTIFICATE_LEVEL_JUNIOR',
    fullName: `Contestant ${n}`,
    ...overrides,
  };
}

export const iso = (ms: number): string => new Date(ms).toISOString();

export function competitionBody(track: Record<string, unknown>, now = Date.now()): Record<string, unknown> {
  return {
    title: 'Digital Craftsman Cup',
    description: 'Big data track',
    occupation: 'big-data',
    level: 'COMPETITION_LEVEL_NATIONAL',
    registrationOpensAt: iso(now - 60_000),
    registrationClosesAt: iso(now + 3_600_000),
    startsAt: iso(now + 7_200_000),
    endsAt: iso(now + 10_800_000),
    tracks: [{ name: 'Big data', occupationCode: '2-02-38-03', mode: 'TRACK_MODE_INDIVIDUAL', capacity: 10, waitlistEnabled: true, ...track }],
  };
}

/** Creates and publishes a one-track competition; `top` overrides competition fields (windows, deadlines). */
export async function publishedTrack(base: string, organizerToken: string, track: Record<string, unknown>, top: Record<string, unknown> = {}): Promise<{ competitionId: string; trackId: string }> {
  const created = await http(base, 'POST', '/v1/competitions', organizerToken, { ...competitionBody(track), ...top });
  if (created.status !== 201) throw new Error(`create failed: ${created.status} ${created.text}`);
  const id = String(created.body.competitionId);
  const published = await http(base, 'POST', `/v1/competitions/${id}/publish`, organizerToken);
  if (published.status !== 200) throw new Error(`publish failed: ${published.status} ${published.text}`);
  const spec = published.body.spec as { tracks: { trackId: string }[] };
  return { competitionId: id, trackId: spec.tracks[0]?.trackId ?? '' };
}
