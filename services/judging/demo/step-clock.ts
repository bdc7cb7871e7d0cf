/** Times the demo's steps, so a run reports where its time went (the CI test prints them). */
export class StepClock {
  private readonly took: { label: string; ms: number }[] = [];

  constructor(private readonly log: (line: string) => void) {}

  async step<T>(label: string, work: () => Promise<T>): Promise<T> {
    const started = Date.now();
    const value = await work();
    const ms = Date.now() - started;
    this.took.push({ label, ms });
    this.log(`step done: ${label} (${(ms / 1000).toFixed(1)} s)`);
    return value;
  }

  /** One line per step, in the order they ran: `step timing  <seconds> s  <label>`. */
  summary(): string[] {
    return this.took.map((s) => `step timing ${(s.ms / 1000).toFixed(1).padStart(7)} s  ${s.label}`);
  }
}
