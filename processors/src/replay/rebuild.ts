import type { NatsConnection } from '@nats-io/nats-core';
import type { ShopNaming } from '@scalemart/contracts';
import type { Db } from 'mongodb';
import { applyFolds } from '../projections/applyBatch.js';
import { PROJECTIONS } from '../projections/index.js';
import { collectionOf, type ModelName, type ReadModelDoc } from '../projections/projection.js';
import { MemoryStore } from './memoryStore.js';
import { streamReplay, type ReplayProgress, type SequenceRange } from './streamReplay.js';
import { swapIn } from './swapIn.js';

export interface RebuildOptions {
  nc: NatsConnection;
  naming: ShopNaming;
  db: Db;
  models: ModelName[];
  /**
   * 'swap' (default): fold into `<name>_rebuild` collections, then swap them in (swapIn).
   * 'direct': fold straight into the named collections of `db`, a throwaway database that no live
   *   processor writes (tests and the bench compare it with the live read models).
   */
  mode?: 'swap' | 'direct';
  filter?: SequenceRange;
  /** Events folded between two writes (default REBUILD_BATCH). */
  batchSize?: number;
  onProgress?: (progress: ReplayProgress) => void;
}

export interface RebuildReport {
  events: number;
  skipped: number;
  lastSeq: number;
  seconds: number;
  eventsPerSecond: number;
}

const SUFFIX = '_rebuild';
export const REBUILD_BATCH = 25_000;

/**
 * Replays the stream into fresh collections with the live projections' own fold (applyBatch),
 * holding the documents in memory instead of reading them back, then swaps them in; the live
 * projections keep serving until then.
 */
export async function rebuild(options: RebuildOptions): Promise<RebuildReport> {
  const started = performance.now();
  const projections = PROJECTIONS.filter((p) => options.models.includes(p.model));
  const suffix = options.mode === 'direct' ? '' : SUFFIX;
  const folds = projections.map((projection) => {
    const collection = options.db.collection<ReadModelDoc>(collectionOf(projection.model, suffix));
    return { projection, collection, store: new MemoryStore(collection) };
  });
  for (const { collection } of folds) await collection.drop().catch(() => false);
  const replay = streamReplay({
    nc: options.nc,
    naming: options.naming,
    batchSize: options.batchSize ?? REBUILD_BATCH,
    onProgress: options.onProgress,
  });
  const writes = new Overlapped();
  const pass = await replay(options.filter ?? {}, async (batch) => {
    await applyFolds(folds, batch);
    await writes.next(() => Promise.all(folds.map(({ store }) => store.flush())));
  });
  await writes.done();
  let { events, skipped, lastSeq } = pass;
  if (options.mode !== 'direct') {
    const tail = await swapIn({ ...options, projections, suffix, throughSeq: lastSeq }, replay);
    events += tail.events;
    skipped += tail.skipped;
    lastSeq = Math.max(lastSeq, tail.lastSeq);
  }
  const seconds = (performance.now() - started) / 1000;
  return { events, skipped, lastSeq, seconds, eventsPerSecond: Math.round(events / seconds) };
}

/**
 * One write at a time, running while the next batch is read and folded: a store's flush takes
 * the documents it writes when it starts, and the fold only replaces documents, never changes
 * them. A failed write fails the next call (or `done`).
 */
class Overlapped {
  #writing: Promise<void> = Promise.resolve();
  #failure: { error: unknown } | undefined;

  async next(write: () => Promise<unknown>): Promise<void> {
    await this.done();
    this.#writing = write().then(
      () => undefined,
      (error: unknown) => void (this.#failure = { error }),
    );
  }

  async done(): Promise<void> {
    await this.#writing;
    if (this.#failure) throw this.#failure.error;
  }
}
