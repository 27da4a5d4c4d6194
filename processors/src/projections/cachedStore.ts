import type { DocumentStore } from './documentStore.js';
import type { ReadModelDoc } from './projection.js';

/**
 * The live writer's store: the documents it folded lately, kept in memory in front of MongoDB, so
 * a batch reads back only what it has not seen (new orders, mostly) instead of every document it
 * touches. True only while this writer is the one writing them (the pinned writer of its durable:
 * runProjection forgets everything whenever another writer may have written in between).
 * A document is cached when its write starts, so the next batch folds onto it while it is written.
 */
export class CachedStore<D extends ReadModelDoc> implements DocumentStore<D> {
  readonly #docs = new Map<string, D>();

  constructor(
    private readonly inner: DocumentStore<D>,
    /** Documents kept; the least recently folded go first. Keep it above two batches' worth. */
    private readonly capacity = 50_000,
  ) {}

  get size(): number {
    return this.#docs.size;
  }

  async load(ids: string[]): Promise<(id: string) => D | undefined> {
    const missing = ids.filter((id) => !this.#docs.has(id));
    const stored = missing.length > 0 ? await this.inner.load(missing) : () => undefined;
    return (id) => this.#docs.get(id) ?? stored(id);
  }

  save(docs: D[]): Promise<void> {
    for (const doc of docs) {
      const cached = this.#docs.get(doc._id);
      // A retried write must not put back an older document the next batch folded past.
      if (cached && cached._seq > doc._seq) continue;
      this.#docs.delete(doc._id); // re-inserted last: the Map's order is the recency order
      this.#docs.set(doc._id, doc);
    }
    return this.inner.save(docs).then(() => this.#trim());
  }

  /** Drops everything: the next batch reads MongoDB again. */
  forget(): void {
    this.#docs.clear();
  }

  #trim(): void {
    let excess = this.#docs.size - this.capacity;
    if (excess <= 0) return;
    for (const id of this.#docs.keys()) {
      if (excess-- <= 0) break;
      this.#docs.delete(id);
    }
  }
}
