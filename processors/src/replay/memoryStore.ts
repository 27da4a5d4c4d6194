import type { Collection, OptionalUnlessRequiredId } from 'mongodb';
import { mongoStore, type DocumentStore } from '../projections/documentStore.js';
import type { ReadModelDoc } from '../projections/projection.js';

const INSERT_CHUNK = 1_000;

/**
 * A rebuild's store. The rebuild is the one writer of its fresh collections, so the documents it
 * folded are all there are: it keeps them in memory (about the size of the read model) and reads
 * nothing back; `flush` writes what changed since the last flush (a document new to the collection
 * with an insert, cheaper than an upsert).
 */
export class MemoryStore<D extends ReadModelDoc> implements DocumentStore<D> {
  readonly #docs = new Map<string, D>();
  readonly #dirty = new Set<string>();
  /** Documents in the collection already: later changes replace them, the rest are inserted. */
  readonly #written = new Set<string>();
  readonly #store: DocumentStore<D>;
  readonly holdsAll = true;

  constructor(private readonly collection: Collection<D>) {
    this.#store = mongoStore(collection);
  }

  // load and save only touch memory: promises because DocumentStore's other stores do I/O.
  load(): Promise<(id: string) => D | undefined> {
    return Promise.resolve((id) => this.#docs.get(id));
  }

  save(docs: D[]): Promise<void> {
    for (const doc of docs) {
      this.#docs.set(doc._id, doc);
      this.#dirty.add(doc._id);
    }
    return Promise.resolve();
  }

  async flush(): Promise<void> {
    const fresh = [...this.#dirty]
      .filter((id) => !this.#written.has(id))
      .map((id) => this.#docs.get(id)!);
    const changed = [...this.#dirty]
      .filter((id) => this.#written.has(id))
      .map((id) => this.#docs.get(id)!);
    this.#dirty.clear();
    const inserts = Array.from({ length: Math.ceil(fresh.length / INSERT_CHUNK) }, (_, i) =>
      fresh.slice(i * INSERT_CHUNK, (i + 1) * INSERT_CHUNK),
    );
    await Promise.all([
      ...inserts.map((chunk) =>
        this.collection.insertMany(chunk as OptionalUnlessRequiredId<D>[], { ordered: false }),
      ),
      this.#store.save(changed),
    ]);
    for (const doc of fresh) this.#written.add(doc._id);
  }
}
