import { TrackSnapshots } from '../../src/store/track-snapshots';

/** A scan whose answer and timing the test controls. */
function controlledScans(): { load: (trackId: string) => Promise<Set<string>>; scans: number; finish: (entries: string[]) => void } {
  const pending: ((value: Set<string>) => void)[] = [];
  const state = {
    scans: 0,
    load: (_trackId: string): Promise<Set<string>> => {
      state.scans += 1;
      return new Promise((resolve) => pending.push(resolve));
    },
    finish: (entries: string[]): void => pending.shift()?.(new Set(entries)),
  };
  return state;
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('TrackSnapshots (a track view held in memory for the marking path)', () => {
  it('scans a track once for concurrent readers, then answers from memory', async () => {
    const scans = controlledScans();
    const view = new TrackSnapshots(scans.load, 60_000);
    const readers = Promise.all([view.get('t'), view.get('t'), view.get('t')]);
    scans.finish(['e1']);
    const seen = await readers;
    expect(seen.map((s) => s.has('e1'))).toEqual([true, true, true]);
    expect((await view.get('t')).has('e1')).toBe(true);
    expect(scans.scans).toBe(1);
  });

  it('serves the held view while an old one refreshes in the background, then the refreshed one', async () => {
    const scans = controlledScans();
    const view = new TrackSnapshots(scans.load, 0);
    const first = view.get('t');
    scans.finish(['e1']);
    await first;
    // Due for a refresh: the caller is not kept waiting for the scan.
    expect([...(await view.get('t'))]).toEqual(['e1']);
    expect(scans.scans).toBe(2);
    scans.finish(['e1', 'e2']);
    await tick();
    expect((await view.get('t')).has('e2')).toBe(true);
  });

  it("applies this process's own change at once, and a scan that started before it cannot undo it", async () => {
    const scans = controlledScans();
    const view = new TrackSnapshots(scans.load, 0);
    const first = view.get('t');
    scans.finish([]);
    await first;
    await view.get('t'); // starts a background refresh that will answer without e9
    view.update('t', (entries) => entries.add('e9'));
    expect((await view.get('t')).has('e9')).toBe(true);
    scans.finish([]);
    await tick();
    expect((await view.get('t')).has('e9')).toBe(true);
  });

  it('after an invalidation the next reader waits for a fresh scan instead of the old view', async () => {
    const scans = controlledScans();
    const view = new TrackSnapshots(scans.load, 60_000);
    const first = view.get('t');
    scans.finish(['old']);
    await first;
    view.invalidate('t');
    const next = view.get('t');
    scans.finish(['new']);
    expect([...(await next)]).toEqual(['new']);
  });

  it('replays changes made during a scan onto its answer instead of scanning again', async () => {
    const scans = controlledScans();
    const view = new TrackSnapshots(scans.load, 60_000);
    const first = view.get('t');
    view.update('t', (entries) => entries.add('mine')); // nothing held yet: only the scan in flight gets it
    scans.finish(['theirs']);
    expect([...(await first)].sort()).toEqual(['mine', 'theirs']);
    expect(scans.scans).toBe(1);
  });
});
