import { setTimeout as sleep } from 'node:timers/promises';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { CONSUMERS, READ_MODEL_COLLECTIONS, type ShopNaming } from '@scalemart/contracts';
import type { Db } from 'mongodb';
import { StockStore } from '../stock/stockStore.js';

export class DrainTimeoutError extends Error {
  override readonly name = 'DrainTimeoutError';
}

export interface DrainState {
  consumersPending: number;
  outbox: number;
  pendingOrders: number;
}

async function drainState(nc: NatsConnection, naming: ShopNaming, store: StockStore, db: Db): Promise<DrainState> {
  const jsm = await jetstreamManager(nc);
  let consumersPending = 0;
  for (const name of Object.values(CONSUMERS)) {
    const info = await jsm.consumers.info(naming.stream, name);
    consumersPending += info.num_pending + info.num_ack_pending;
  }
  let outbox = 0;
  for (const productId of await store.productIds()) outbox += (await store.snapshot(productId)).outbox.length;
  const pendingOrders = await db.collection(READ_MODEL_COLLECTIONS.orders).countDocuments({ status: 'pending' });
  return { consumersPending, outbox, pendingOrders };
}

/**
 * Waits until the system is quiescent: every durable consumer has nothing pending or unacked,
 * every Redis outbox is empty (the relay republished what a crash left), and no order in the
 * read model is still pending. Seen twice in a row, so a message in flight between is not missed.
 */
export async function waitForDrain(
  deps: { nc: NatsConnection; naming: ShopNaming; store: StockStore; db: Db },
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quietSeen = 0;
  let last: DrainState | string = 'not checked';
  while (Date.now() < deadline) {
    try {
      last = await drainState(deps.nc, deps.naming, deps.store, deps.db);
      const quiet = last.consumersPending === 0 && last.outbox === 0 && last.pendingOrders === 0;
      quietSeen = quiet ? quietSeen + 1 : 0;
      if (quietSeen >= 2) return;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error); // a server is still coming back
      quietSeen = 0;
    }
    await sleep(100);
  }
  throw new DrainTimeoutError(`the system did not drain within ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
}
