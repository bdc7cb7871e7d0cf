import { EVENT_TYPES, SERVICE_TOPICS, eventTypeByName, type AnyEventType, type EventType } from '@digicraft/contracts';
import { EVENT_SAMPLES } from './event-samples';

// Every field of a sample is non-default, so toJSON must keep all of them: a field that the
// codec silently lost (or a sample that sets a default) shows up as a missing key.
function roundTrip(def: EventType, payload: unknown): { sent: unknown; received: unknown; bytes: Uint8Array } {
  const bytes = def.codec.encode(payload).finish();
  const received = def.codec.toJSON(def.codec.decode(bytes));
  return { sent: def.codec.toJSON(payload), received, bytes };
}

describe('event catalogue', () => {
  it.each(EVENT_TYPES.map((def: AnyEventType) => [def.type, def] as const))('%s survives encode and decode', (type, def) => {
    const payload = EVENT_SAMPLES[type];
    const { sent, received, bytes } = roundTrip(def, payload);
    expect(bytes.length).toBeGreaterThan(0);
    expect(received).toEqual(sent);
    expect(Object.keys(sent as object).sort()).toEqual(Object.keys(payload).sort());
  });

  it('timestamps keep millisecond precision on the wire', () => {
    const def = eventTypeByName('account.created.v1');
    const decoded = def.codec.decode(def.codec.encode(EVENT_SAMPLES['account.created.v1']).finish());
    expect(decoded.createdAt?.toISOString()).toBe('2025-03-01T08:30:00.123Z');
  });

  it('publishes every event on its producing service topic', () => {
    const topics: readonly string[] = Object.values(SERVICE_TOPICS);
    for (const def of EVENT_TYPES) expect(topics).toContain(def.topic);
    expect(eventTypeByName('competition.published.v1').topic).toBe('digicraft.registration');
    expect(eventTypeByName('competition.archived.v1').topic).toBe('digicraft.registration');
    expect(eventTypeByName('account.created.v1').topic).toBe('digicraft.accounts');
    expect(eventTypeByName('talent.consent-changed.v1').topic).toBe('digicraft.talent');
  });

  it('names each type once, as <event name>.v1', () => {
    const names = EVENT_TYPES.map((def) => def.type);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z]+\.[a-z-]+\.v1$/);
    expect(names).toHaveLength(18);
  });

  it('finds definitions by name and says undefined for unknown types', () => {
    const published = EVENT_TYPES.find((def) => def.type === 'judging.results-published.v1');
    expect(eventTypeByName('judging.results-published.v1')).toBe(published);
    expect(eventTypeByName('registration.confirmed.v2')).toBeUndefined();
    expect(eventTypeByName('')).toBeUndefined();
  });
});
