interface Slot<V> {
  value: V | undefined;
  loadedAt: number;
  loading: Promise<V> | undefined;
  /** Bumped by an invalidation: a load that started before one is discarded. */
  generation: number;
  /** This process's changes made while a load is in flight, re-applied to what it loads. */
  replay: ((value: V) => void)[];
}

/**
 * A per-track view held in memory, loaded with one scan and refreshed in the background once it
 * is older than `maxAgeMs` (the caller meanwhile gets the held view, so a refresh never delays a
 * save). On FerretDB every `{_id}` read costs a round trip and a SQL query; the marking path
 * needs an entry's assignment and sign-off state on every save, and asking the store each time
 * was most of the store's work per save. This process's own writes change the view at once;
 * another instance's writes are seen within about `maxAgeMs` (plus one scan).
 *
 * Changes passed to `update` must be idempotent (add, delete, keep-the-newer): a change made
 * while a scan runs is applied to the held view at once and again to the scan's answer, which
 * may or may not already contain it. Replaying instead of discarding the scan matters when
 * changes are frequent (a chief judge signing off entry after entry): a discarded scan would be
 * repeated back to back for as long as the changes keep coming.
 */
export class TrackSnapshots<V> {
  private readonly slots = new Map<string, Slot<V>>();

  constructor(
    private readonly load: (trackId: string) => Promise<V>,
    private readonly maxAgeMs: number,
    private readonly trackLimit = 10_000,
  ) {}

  get(trackId: string): Promise<V> {
    const slot = this.slotOf(trackId);
    if (slot.value === undefined) return this.reload(trackId, slot);
    if (Date.now() - slot.loadedAt >= this.maxAgeMs) this.reload(trackId, slot).catch(() => undefined);
    return Promise.resolve(slot.value);
  }

  /** Applies this process's own (idempotent) change to the held view and to a load in flight. */
  update(trackId: string, apply: (value: V) => void): void {
    const slot = this.slots.get(trackId);
    if (slot === undefined) return;
    if (slot.loading !== undefined) slot.replay.push(apply);
    if (slot.value !== undefined) apply(slot.value);
  }

  /** Drops the held view: the next read waits for a fresh scan. */
  invalidate(trackId: string): void {
    const slot = this.slots.get(trackId);
    if (slot === undefined) return;
    slot.generation += 1;
    slot.value = undefined;
    slot.replay = [];
  }

  private slotOf(trackId: string): Slot<V> {
    let slot = this.slots.get(trackId);
    if (slot === undefined) {
      if (this.slots.size >= this.trackLimit) this.slots.clear();
      slot = { value: undefined, loadedAt: 0, loading: undefined, generation: 0, replay: [] };
      this.slots.set(trackId, slot);
    }
    return slot;
  }

  private reload(trackId: string, slot: Slot<V>): Promise<V> {
    if (slot.loading !== undefined) return slot.loading;
    const generation = slot.generation;
    const startedAt = Date.now();
    const loading: Promise<V> = this.load(trackId).then(
      (value) => {
        slot.loading = undefined;
        const replay = slot.replay;
        slot.replay = [];
        // Invalidated while the scan ran: its answer may predate what the invalidation was for.
        if (slot.generation !== generation) return slot.value ?? this.reload(trackId, slot);
        for (const apply of replay) apply(value);
        slot.value = value;
        slot.loadedAt = startedAt;
        return value;
      },
      (error: unknown) => {
        slot.loading = undefined;
        slot.replay = [];
        throw error;
      },
    );
    slot.loading = loading;
    return loading;
  }
}
