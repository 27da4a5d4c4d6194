import type { Collection } from 'mongodb';
import { mongoStore, type DocumentStore } from '../projections/applyBatch.js';
import type { ReadModelDoc } from '../projections/projection.js';

/**
 * A rebuild's store. The rebuild is the one writer of its fresh collections, so the documents it
 * folded are all there are: it keeps them in memory (about the size of the read model) and reads
 * nothing back; `flush` writes what changed since the last flush.
 */
export class MemoryStore<D extends ReadModelDoc> implements DocumentStore<D> {
  readonly #docs = new Map<string, D>();
  readonly #dirty = new Set<string>();
  readonly #collection: DocumentStore<D>;

  constructor(collection: Collection<D>) {
    this.#collection = mongoStore(collection);
  }

  async load(): Promise<(id: string) => D | undefined> {
    return (id) => this.#docs.get(id);
  }

  async save(docs: D[]): Promise<void> {
    for (const doc of docs) {
      this.#docs.set(doc._id, doc);
      this.#dirty.add(doc._id);
    }
  }

  async flush(): Promise<void> {
    const docs = [...this.#dirty].map((id) => this.#docs.get(id)!);
    this.#dirty.clear();
    await this.#collection.save(docs);
  }
}
