/**
 * The messages a projection's writer holds, by stream sequence, and the next sequence it applies.
 * Its durable reads the whole stream (no filter), so the stream's sequences are the durable's:
 * the next one to apply is exactly `expected`, and a held message above it means one in between
 * is still out (in flight to a writer that died, or redelivered later). Pure bookkeeping.
 */
export class HeldMessages<M> {
  readonly #held = new Map<number, M>();
  /** The next stream sequence to apply; undefined until the writer learned where the durable stands. */
  expected: number | undefined;

  get size(): number {
    return this.#held.size;
  }

  /** A redelivery replaces what is held under its sequence (its ack subject is the live one). */
  hold(seq: number, message: M): void {
    this.#held.set(seq, message);
  }

  /** Messages below `expected`: applied already (by this writer, or acked by another). */
  takeStale(): M[] {
    const stale: M[] = [];
    if (this.expected === undefined) return stale;
    for (const [seq, message] of this.#held) {
      if (seq < this.expected) {
        stale.push(message);
        this.#held.delete(seq);
      }
    }
    return stale;
  }

  /** Up to `max` messages from `expected` on, without a gap, in order; `expected` moves past them. */
  takeRun(max: number): M[] {
    const run: M[] = [];
    if (this.expected === undefined) return run;
    while (run.length < max && this.#held.has(this.expected)) {
      run.push(this.#held.get(this.expected)!);
      this.#held.delete(this.expected);
      this.expected += 1;
    }
    return run;
  }

  /** The lowest sequence held (the far side of a gap). */
  lowest(): number | undefined {
    let lowest: number | undefined;
    for (const seq of this.#held.keys()) if (lowest === undefined || seq < lowest) lowest = seq;
    return lowest;
  }

  /** Everything held, in stream order (to hand back on stop). */
  takeAll(): M[] {
    const all = [...this.#held].sort(([a], [b]) => a - b).map(([, message]) => message);
    this.#held.clear();
    return all;
  }
}
