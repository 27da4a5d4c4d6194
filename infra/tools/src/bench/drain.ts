import { setTimeout as sleep } from 'node:timers/promises';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { CONSUMERS, READ_MODEL_COLLECTIONS, type ShopNaming } from '@scalemart/contracts';
import type { Db } from 'mongodb';
import { WriteModel } from '@scalemart/runtime/writeModel';

/** Rejects when `promise` takes longer than `ms`: a wedged server must not hang the bench. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export class DrainTimeoutError extends Error {
  override readonly name = 'DrainTimeoutError';
}

export interface DrainState {
  consumersPending: number;
  outbox: number;
  pendingOrders: number;
}

async function drainState(
  nc: NatsConnection,
  naming: ShopNaming,
  store: WriteModel,
  db: Db,
): Promise<DrainState> {
  const jsm = await jetstreamManager(nc);
  let consumersPending = 0;
  for (const name of Object.values(CONSUMERS)) {
    const info = await jsm.consumers.info(naming.stream, name);
    consumersPending += info.num_pending + info.num_ack_pending;
  }
  let outbox = 0;
  for (const productId of await store.productIds())
    outbox += (await store.snapshot(productId)).outbox.length;
  // One pending order is enough to know the drain is not over.
  const pendingOrders = (
    await db
      .collection(READ_MODEL_COLLECTIONS.orders)
      .find({ status: 'pending' }, { projection: { _id: 1 } })
      .limit(1)
      .toArray()
  ).length;
  return { consumersPending, outbox, pendingOrders };
}

/**
 * Waits until the system is quiescent: every durable consumer has nothing pending or unacked,
 * every Redis outbox is empty (the relay republished what a crash left), and no order in the
 * read model is still pending. Seen twice in a row, so a message in flight between is not missed.
 */
export async function waitForDrain(
  deps: { nc: NatsConnection; naming: ShopNaming; store: WriteModel; db: Db },
  timeoutMs: number,
  onState?: (state: DrainState) => void,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quietSeen = 0;
  let last: DrainState | string = 'not checked';
  while (Date.now() < deadline) {
    try {
      last = await withTimeout(
        drainState(deps.nc, deps.naming, deps.store, deps.db),
        5_000,
        'drain probe',
      );
      const quiet = last.consumersPending === 0 && last.outbox === 0 && last.pendingOrders === 0;
      quietSeen = quiet ? quietSeen + 1 : 0;
      onState?.(last);
      if (quietSeen >= 2) return;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error); // a server is still coming back
      quietSeen = 0;
    }
    await sleep(100);
  }
  throw new DrainTimeoutError(
    `the system did not drain within ${timeoutMs} ms; last: ${JSON.stringify(last)}`,
  );
}
