import type { NatsConnection, Subscription } from '@nats-io/nats-core';
import type { ShopNaming } from '@scalemart/contracts';
import type { SoldOutCache } from './soldOutCache.js';

/**
 * Listens (core NATS, no consumer) to every product event the stream captures — restocks,
 * released units, sale changes, whoever published them — and makes the sold-out cache ask
 * Redis again for that product. Subjects end with the product id.
 */
export function watchStockChanges(
  nc: NatsConnection,
  naming: ShopNaming,
  soldOut: SoldOutCache,
): Subscription {
  return nc.subscribe(`${naming.root}.product.>`, {
    callback: (error, msg) => {
      if (error) return;
      const productId = msg.subject.slice(msg.subject.lastIndexOf('.') + 1);
      soldOut.forget(productId);
    },
  });
}
