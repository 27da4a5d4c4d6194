import type { NatsConnection } from '@nats-io/nats-core';
import type { ShopNaming } from '@scalemart/contracts';
import type { Db } from 'mongodb';
import type { Delivery } from '../consumer/runConsumer.js';
import { PROJECTIONS } from '../projections/index.js';
import {
  collectionNames,
  SoleWriterMemory,
  type CollectionNames,
  type ModelName,
  type Projection,
  type ProjectionContext,
} from '../projections/projection.js';
import { lastSequence, readStream, type StreamFilter } from './readStream.js';

export interface RebuildProgress {
  seq: number;
  lastSeq: number;
  events: number;
}

export interface RebuildOptions {
  nc: NatsConnection;
  naming: ShopNaming;
  db: Db;
  models: ModelName[];
  /**
   * 'swap' (default): build `<name>_rebuild` collections, then rename them over the live ones.
   * 'direct': write straight into the named collections of `db` (a throwaway database that no
   *   live processor writes: the rebuild remembers its own writes instead of reading them back).
   */
  mode?: 'swap' | 'direct';
  filter?: Pick<StreamFilter, 'fromSeq' | 'toSeq'>;
  /**
   * Events folded per write (default REBUILD_BATCH). A rebuild reads the stream alone and in order,
   * so big batches fold an order's placement and outcome, and a product's or a minute's counters,
   * into one insert each instead of an insert and updates (FerretDB v1's updates cost ~100x an
   * insert and grow with the collection). Memory: about 1 kB per event held.
   */
  batchSize?: number;
  onProgress?: (progress: RebuildProgress) => void;
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
/** How often reading reports progress while a batch fills. */
const PROGRESS_EVERY = 1_000;

/**
 * Replays the stream into fresh collections and swaps them in once caught up; the live projection
 * keeps serving (and writing) until then. FerretDB v1 cannot rename with dropTarget, so the swap is
 * drop-then-rename per collection (a gap of milliseconds); events the live consumer wrote to the
 * old collections meanwhile are re-applied afterwards from the last sequence read (the guards make
 * that idempotent).
 */
export async function rebuild(options: RebuildOptions): Promise<RebuildReport> {
  const started = performance.now();
  const projections = PROJECTIONS.filter((p) => options.models.includes(p.model));
  const direct = options.mode === 'direct';
  const names = collectionNames(direct ? '' : SUFFIX);
  for (const projection of projections) {
    for (const name of projection.collections(names))
      await options.db
        .collection(name)
        .drop()
        .catch(() => false);
    await projection.prepare({ db: options.db, names, stalePlanMs: 5_000 });
  }
  // The fresh collections have no other writer until the swap: the pass remembers its writes.
  const pass = await replayInto(
    options,
    projections,
    names,
    options.filter ?? {},
    new SoleWriterMemory(),
  );
  let { events, skipped, lastSeq } = pass;
  if (!direct) {
    await swap(options.db, projections, names);
    const live = collectionNames();
    const tail = await replayInto(options, projections, live, { fromSeq: lastSeq + 1 });
    events += tail.events;
    skipped += tail.skipped;
    lastSeq = Math.max(lastSeq, tail.lastSeq);
  }
  const seconds = (performance.now() - started) / 1000;
  return { events, skipped, lastSeq, seconds, eventsPerSecond: Math.round(events / seconds) };
}

async function replayInto(
  options: RebuildOptions,
  projections: Projection[],
  names: CollectionNames,
  filter: Pick<StreamFilter, 'fromSeq' | 'toSeq'>,
  soleWriter?: SoleWriterMemory,
) {
  const ctx: ProjectionContext = {
    db: options.db,
    names,
    stalePlanMs: 5_000,
    ...(soleWriter ? { soleWriter } : {}),
  };
  const lastSeq = Math.min(
    filter.toSeq ?? Infinity,
    await lastSequence(options.nc, options.naming),
  );
  let batch: Delivery[] = [];
  let events = 0;
  let skipped = 0;
  let seq = (filter.fromSeq ?? 1) - 1;
  const flush = async () => {
    for (const projection of projections) await projection.apply(ctx, batch);
    events += batch.length;
    batch = [];
    options.onProgress?.({ seq, lastSeq, events });
  };
  for await (const entry of readStream(options.nc, options.naming, { ...filter, toSeq: lastSeq })) {
    seq = entry.seq;
    if (!entry.event) {
      skipped += 1; // poison: the live consumer dead-lettered it too
      continue;
    }
    batch.push({
      event: entry.event,
      streamSequence: entry.seq,
      deliveries: 1,
      subject: entry.subject,
    });
    if (batch.length >= (options.batchSize ?? REBUILD_BATCH)) await flush();
    else if (batch.length % PROGRESS_EVERY === 0)
      options.onProgress?.({ seq, lastSeq, events: events + batch.length });
  }
  if (batch.length > 0) await flush();
  return { events, skipped, lastSeq: Math.max(seq, lastSeq === Infinity ? seq : lastSeq) };
}

async function swap(db: Db, projections: Projection[], names: CollectionNames) {
  const live = collectionNames();
  for (const projection of projections) {
    const fresh = projection.collections(names);
    const targets = projection.collections(live);
    for (const [i, name] of fresh.entries()) {
      const exists = (await db.listCollections({ name }).toArray()).length > 0;
      if (!exists) await db.createCollection(name);
      await db
        .collection(targets[i]!)
        .drop()
        .catch(() => false);
      await db.collection(name).rename(targets[i]!);
    }
  }
}
