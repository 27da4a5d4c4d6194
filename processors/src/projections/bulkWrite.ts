import type {
  AnyBulkWriteOperation,
  BulkWriteOptions,
  Collection,
  Document,
  OptionalUnlessRequiredId,
} from 'mongodb';

/**
 * FerretDB v1 (SQLite) never answers a bulk write of 100 or more operations (measured: 99 takes
 * ~50 ms, 100 hangs until the socket times out), so batches go in chunks under that.
 */
export const BULK_CHUNK = 25;

let lane: Promise<unknown> = Promise.resolve();

/**
 * Multi-operation writes of this process run one at a time. FerretDB v1 (SQLite) deadlocks when
 * several bulk writes run at once on one database (measured: 3 concurrent writers of 40-operation
 * bulks, or 6 of 20, hang for good), so every projection and every in-process instance shares
 * this lane. On MongoDB proper it costs a little latency and nothing else.
 */
export function inLane<T>(write: () => Promise<T>): Promise<T> {
  const next = lane.then(write, write);
  lane = next.catch(() => undefined);
  return next;
}

/** `collection.bulkWrite` in chunks of BULK_CHUNK, in the lane; ordered stays ordered. */
export async function bulkWrite<T extends Document>(
  collection: Collection<T>,
  ops: AnyBulkWriteOperation<T>[],
  options: BulkWriteOptions = {},
): Promise<{ insertedCount: number; modifiedCount: number }> {
  let insertedCount = 0;
  let modifiedCount = 0;
  for (let i = 0; i < ops.length; i += BULK_CHUNK) {
    const result = await inLane(() => collection.bulkWrite(ops.slice(i, i + BULK_CHUNK), options));
    insertedCount += result.insertedCount;
    modifiedCount += result.modifiedCount;
  }
  return { insertedCount, modifiedCount };
}

/** One bulk write in the lane, errors included (the ledger reads duplicate-key errors). */
export function bulkWriteOnce<T extends Document>(
  collection: Collection<T>,
  ops: AnyBulkWriteOperation<T>[],
  options: BulkWriteOptions = {},
) {
  return inLane(() => collection.bulkWrite(ops, options));
}

/**
 * Documents per insertMany: the bulk-write hang above does not apply to inserts (measured: 250 and
 * 1,000 at a time answer, at 0.21 ms per document against 0.33 in chunks of 25).
 */
export const INSERT_CHUNK = 250;

/**
 * Inserts in chunks, in the lane, leaving documents that exist already (duplicate key) as they
 * are; returns the `_id`s of those. An insert is FerretDB v1's cheapest write (its unique `_id`
 * index answers the duplicate check), so "insert, and learn who was first" replaces upserts.
 */
export async function insertNew<T extends Document & { _id: string }>(
  collection: Collection<T>,
  docs: T[],
): Promise<Set<string>> {
  const existing = new Set<string>();
  for (let i = 0; i < docs.length; i += INSERT_CHUNK) {
    const chunk = docs.slice(i, i + INSERT_CHUNK);
    try {
      await inLane(() =>
        collection.insertMany(chunk as OptionalUnlessRequiredId<T>[], { ordered: false }),
      );
    } catch (error) {
      const { writeErrors } = error as { writeErrors?: WriteErrorLike[] | WriteErrorLike };
      const errors =
        writeErrors === undefined
          ? [error as WriteErrorLike]
          : Array.isArray(writeErrors)
            ? writeErrors
            : [writeErrors];
      if (errors.some((e) => e.code !== 11000)) throw error;
      for (const e of errors) existing.add(chunk[e.index ?? 0]!._id);
    }
  }
  return existing;
}

interface WriteErrorLike {
  code?: number;
  index?: number;
}
