import type { AnyBulkWriteOperation, BulkWriteOptions, Collection, Document } from 'mongodb';

/**
 * FerretDB v1 (SQLite) never answers a bulk write of 100 or more operations (measured: 99 takes
 * ~50 ms, 100 hangs until the socket times out), so batches go in chunks under that.
 */
export const BULK_CHUNK = 90;

/** `collection.bulkWrite` in chunks of BULK_CHUNK, one after the other; ordered stays ordered. */
export async function bulkWrite<T extends Document>(
  collection: Collection<T>,
  ops: AnyBulkWriteOperation<T>[],
  options: BulkWriteOptions = {},
): Promise<{ insertedCount: number; modifiedCount: number }> {
  let insertedCount = 0;
  let modifiedCount = 0;
  for (let i = 0; i < ops.length; i += BULK_CHUNK) {
    const result = await collection.bulkWrite(ops.slice(i, i + BULK_CHUNK), options);
    insertedCount += result.insertedCount;
    modifiedCount += result.modifiedCount;
  }
  return { insertedCount, modifiedCount };
}
