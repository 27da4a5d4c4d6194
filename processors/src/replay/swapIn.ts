import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { CONSUMERS, type ShopNaming } from '@scalemart/contracts';
import type { Db } from 'mongodb';
import { setTimeout as sleep } from 'node:timers/promises';
import { applyFolds } from '../projections/applyBatch.js';
import { mongoStore } from '../projections/documentStore.js';
import { collectionOf, type Projection, type ReadModelDoc } from '../projections/projection.js';
import type { Replay } from './streamReplay.js';

export interface SwapOptions {
  nc: NatsConnection;
  naming: ShopNaming;
  db: Db;
  projections: Projection<ReadModelDoc>[];
  /** The fresh collections' suffix. */
  suffix: string;
  /** The last stream sequence the fresh collections reflect. */
  throughSeq: number;
}

/** The live writers get this long to settle the batches in hand once their durables are paused. */
const SETTLE_TIMEOUT_MS = 15_000;
/** A pause lifts itself after this, should the rebuild die before resuming. */
const PAUSE_MS = 60_000;

/**
 * Swaps fresh collections in under running projections. Their durable is paused and its
 * writers finish the batches in hand (nothing left unacked), so nobody writes while the fresh
 * collections replace the live ones and the events after `throughSeq` are folded into them. On
 * resume each writer goes on from its durable's position; what the tail applied already is below
 * the documents' `_seq` and skipped.
 */
export async function swapIn(options: SwapOptions, replay: Replay) {
  const jsm = await jetstreamManager(options.nc);
  const stream = options.naming.stream;
  const durables = [CONSUMERS.projections];
  const paused: string[] = [];
  try {
    for (const durable of durables) {
      const done = await jsm.consumers.pause(stream, durable, new Date(Date.now() + PAUSE_MS)).then(
        () => true,
        () => false,
      );
      if (done) paused.push(durable);
    }
    await settled(jsm, stream, paused);
    for (const projection of options.projections) {
      const live = collectionOf(projection.model);
      const fresh = options.db.collection(collectionOf(projection.model, options.suffix));
      // query-api owns the read models' secondary indexes: the fresh collection gets the live ones.
      const indexes = await options.db
        .collection(live)
        .indexes()
        .catch(() => []);
      for (const { key, name, unique } of indexes.filter((index) => index.name !== '_id_')) {
        await fresh.createIndex(key, { ...(name ? { name } : {}), ...(unique ? { unique } : {}) });
      }
      if (
        (await options.db.listCollections({ name: fresh.collectionName }).toArray()).length === 0
      ) {
        await options.db.createCollection(fresh.collectionName);
      }
      await fresh.rename(live, { dropTarget: true });
    }
    const folds = options.projections.map((projection) => ({
      projection,
      store: mongoStore(options.db.collection<ReadModelDoc>(collectionOf(projection.model))),
    }));
    return await replay({ fromSeq: options.throughSeq + 1 }, async (batch) => {
      await applyFolds(folds, batch);
    });
  } finally {
    for (const durable of paused)
      await jsm.consumers.resume(stream, durable).catch(() => undefined);
  }
}

async function settled(jsm: JetStreamManager, stream: string, durables: string[]): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  for (const durable of durables) {
    while ((await jsm.consumers.info(stream, durable)).num_ack_pending > 0) {
      if (Date.now() > deadline)
        throw new Error(`${durable} still has unacknowledged messages; try the rebuild again`);
      await sleep(50);
    }
  }
}
