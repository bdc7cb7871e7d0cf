interface Slot<V> {
  value: V | undefined;
  loadedAt: number;
  loading: Promise<V> | undefined;
  /** Bumped by this process's own changes: a load that started before one is not trusted. */
  generation: number;
}

/**
 * A per-track view held in memory, loaded with one scan and refreshed in the background once it
 * is older than `maxAgeMs` (the caller meanwhile gets the held view, so a refresh never delays a
 * save). On FerretDB every `{_id}` read costs a round trip and a SQL query; the marking path
 * needs an entry's assignment and sign-off state on every save, and asking the store each time
 * was most of the store's work per save. This process's own writes change the view at once;
 * another instance's writes are seen within about `maxAgeMs` (plus one scan).
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

  /** Applies this process's own change to the held view (if loaded) and discards loads in flight. */
  update(trackId: string, apply: (value: V) => void): void {
    const slot = this.slots.get(trackId);
    if (slot === undefined) return;
    slot.generation += 1;
    if (slot.value !== undefined) apply(slot.value);
  }

  /** Drops the held view: the next read waits for a fresh scan. */
  invalidate(trackId: string): void {
    const slot = this.slots.get(trackId);
    if (slot === undefined) return;
    slot.generation += 1;
    slot.value = undefined;
  }

  private slotOf(trackId: string): Slot<V> {
    let slot = this.slots.get(trackId);
    if (slot === undefined) {
      if (this.slots.size >= this.trackLimit) this.slots.clear();
      slot = { value: undefined, loadedAt: 0, loading: undefined, generation: 0 };
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
        if (slot.generation === generation) {
          slot.value = value;
          slot.loadedAt = startedAt;
          return value;
        }
        // This process changed the track while the scan ran: the held view already has the
        // change (and stays due for a refresh); without one, scan again.
        return slot.value ?? this.reload(trackId, slot);
      },
      (error: unknown) => {
        slot.loading = undefined;
        throw error;
      },
    );
    slot.loading = loading;
    return loading;
  }
}
