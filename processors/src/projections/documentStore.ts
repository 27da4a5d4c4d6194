import type { Collection } from 'mongodb';
import type { ReadModelDoc } from './projection.js';

/** Where a projection's documents live while it folds: MongoDB (live) or memory (a rebuild). */
export interface DocumentStore<D extends ReadModelDoc> {
  /** The stored documents among `ids`, as a lookup. */
  load(ids: string[]): Promise<(id: string) => D | undefined>;
  /** True when it holds every document in memory: `load` then needs no ids (a rebuild's store). */
  readonly holdsAll?: boolean;
  /** Writes each document whole, by `_id`. */
  save(docs: D[]): Promise<void>;
}

/** Documents per read or write round trip (MongoDB splits bigger ones itself; this bounds memory). */
const CHUNK = 1_000;

const chunks = <T>(items: T[]): T[][] =>
  Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) =>
    items.slice(i * CHUNK, (i + 1) * CHUNK),
  );

/**
 * A collection as a store: one `_id $in` read and one unordered bulk of `_id`-filtered replace
 * upserts per batch. The filter is `_id` alone: the fastest lookup on any MongoDB, and the only
 * index the stand-in has. No version in the filter: one writer per projection (see runProjection).
 */
export function mongoStore<D extends ReadModelDoc>(collection: Collection<D>): DocumentStore<D> {
  return {
    async load(ids) {
      const found = await Promise.all(
        chunks(ids).map((chunk) => collection.find({ _id: { $in: chunk } } as never).toArray()),
      );
      const byId = new Map(found.flat().map((doc) => [String(doc._id), doc as unknown as D]));
      return (id) => byId.get(id);
    },
    async save(docs) {
      await Promise.all(
        chunks(docs).map((chunk) =>
          collection.bulkWrite(
            chunk.map((doc) => ({
              replaceOne: { filter: { _id: doc._id } as never, replacement: doc, upsert: true },
            })),
            { ordered: false },
          ),
        ),
      );
    },
  };
}
