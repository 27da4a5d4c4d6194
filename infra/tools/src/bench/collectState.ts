import type { NatsConnection } from '@nats-io/nats-core';
import { READ_MODEL_COLLECTIONS, type ShopNaming } from '@scalemart/contracts';
import type { Db } from 'mongodb';
import type { WriteModel } from '@scalemart/runtime/writeModel';
import type { InvariantInput, ReadOrder, ReadProduct, RedisProduct } from './invariants.js';
import { readStreamFacts } from './streamFacts.js';
import { withTimeout } from './drain.js';

/** Reads the three truths after the drain: the stream, Redis, and the read models. */
export async function collectState(
  deps: { nc: NatsConnection; naming: ShopNaming; store: WriteModel; db: Db },
  acceptedOrderIds: readonly string[],
): Promise<InvariantInput> {
  const facts = await readStreamFacts(deps.nc, deps.naming);
  const redis = new Map<string, RedisProduct>();
  for (const productId of await deps.store.productIds()) {
    const snapshot = await deps.store.snapshot(productId);
    redis.set(productId, {
      available: snapshot.available,
      buyers: snapshot.buyers,
      outbox: snapshot.outbox,
    });
  }
  // The read models last, each read bounded: a wedged MongoDB server still leaves the stream and
  // Redis checks standing (and fails the two checks that need it, saying why).
  const readModels = await withTimeout(
    readReadModels(deps.db),
    30_000,
    'reading the read models',
  ).then(
    (models) => ({ ...models, readModelError: undefined }),
    (error: Error) => ({ readOrders: [], readProducts: [], readModelError: error.message }),
  );
  return { facts, acceptedOrderIds, redis, ...readModels };
}

export async function readReadModels(
  db: Db,
): Promise<{ readOrders: ReadOrder[]; readProducts: ReadProduct[] }> {
  const readOrders = await db
    .collection<ReadOrder>(READ_MODEL_COLLECTIONS.orders)
    .find(
      {},
      { projection: { _id: 1, userId: 1, productId: 1, quantity: 1, totalCents: 1, status: 1 } },
    )
    .toArray();
  const readProducts = await db
    .collection<ReadProduct>(READ_MODEL_COLLECTIONS.products)
    .find(
      {},
      { projection: { _id: 1, initialStock: 1, restocked: 1, available: 1, pending: 1, sold: 1 } },
    )
    .toArray();
  return { readOrders, readProducts };
}
