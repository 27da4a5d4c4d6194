import { newEvent, type OrderPlaced } from '@scalemart/contracts';
import { randomUUID } from 'node:crypto';
import type { WriteModel } from './writeModel.js';

/** Events as the specs of the stock store write them: a product on sale, an order for it. */

export const testContext = (aggregateId: string) => ({
  aggregateId,
  correlationId: 'test',
  causationId: 'test',
});

/** An `OrderPlaced` whose id is its orderId, as command-api builds it. */
export function orderFor(productId: string, userId: string, quantity = 1): OrderPlaced {
  const orderId = randomUUID();
  return newEvent(
    'OrderPlaced',
    2,
    {
      orderId,
      userId,
      productId,
      quantity,
      unitPriceCents: 0,
      totalCents: 0,
      currency: 'EUR',
      stockVersion: 0,
      availableAfter: 0,
    },
    { ...testContext(orderId), id: orderId },
  );
}

export interface SaleWindow {
  perUserLimit?: number;
  /** Negative: the sale is already open. */
  startsInMs?: number;
  endsInMs?: number;
}

/** Creates `productId` with `stock` units and schedules its sale. */
export async function productOnSale(
  store: WriteModel,
  productId: string,
  stock: number,
  { perUserLimit = 1, startsInMs = -1_000, endsInMs = 60_000 }: SaleWindow = {},
): Promise<void> {
  await store.createProduct(
    newEvent(
      'ProductCreated',
      1,
      {
        productId,
        name: productId,
        description: '',
        priceCents: 1000,
        currency: 'EUR',
        initialStock: stock,
        stockVersion: 0,
      },
      testContext(productId),
    ),
  );
  await store.scheduleSale(
    newEvent(
      'SaleScheduled',
      1,
      {
        productId,
        perUserLimit,
        salePriceCents: 700,
        startsAt: new Date(Date.now() + startsInMs).toISOString(),
        endsAt: new Date(Date.now() + endsInMs).toISOString(),
      },
      testContext(productId),
    ),
  );
}
