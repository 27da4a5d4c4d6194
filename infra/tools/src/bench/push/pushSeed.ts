import { randomUUID } from 'node:crypto';
import type { ChangeNotice } from '@scalemart/contracts';
import type { Db } from 'mongodb';

export interface PushSeed {
  products: string[];
  users: string[];
  orders: { _id: string; userId: string }[];
}

/**
 * Read models the pushes refer to: `products` each with a large stock, and for every user as many
 * confirmed orders as give `orderNotices` notices (pending then confirmed per order).
 */
export async function seedReadModels(
  db: Db,
  counts: { products: number; users: number; orderNotices: number },
): Promise<PushSeed> {
  const products = Array.from({ length: counts.products }, (_, i) => `p${i}`);
  const users = Array.from({ length: counts.users }, (_, i) => `u${i}`);
  const now = new Date().toISOString();
  await db.collection('products').insertMany(
    products.map((productId) => ({
      _id: productId,
      productId,
      name: productId,
      description: '',
      priceCents: 100,
      currency: 'EUR',
      sale: null,
      initialStock: 1_000_000,
      restocked: 0,
      available: 1_000_000,
      pending: 0,
      sold: 0,
      lowStock: false,
      soldOutAt: null,
      stockVersion: 0,
      updatedAt: now,
    })) as never[],
  );
  const ordersPerUser = Math.floor(counts.orderNotices / Math.max(1, users.length) / 2);
  const orders = users.flatMap((userId) =>
    Array.from({ length: ordersPerUser }, () => ({
      _id: randomUUID(),
      userId,
      productId: 'p0',
      quantity: 1,
      unitPriceCents: 100,
      totalCents: 100,
      currency: 'EUR',
      status: 'confirmed',
      history: [],
      placedAt: now,
      updatedAt: now,
    })),
  );
  if (orders.length > 0)
    await db
      .collection('orders')
      .insertMany(orders.map((o) => ({ ...o, orderId: o._id })) as never[]);
  return { products, users, orders };
}

/** The burst: every product's versions 1..finalVersion, and pending then confirmed per order. */
export function burstNotices(seed: PushSeed, finalVersion: number) {
  const notices: ChangeNotice[] = [];
  for (let version = 1; version <= finalVersion; version++) {
    for (const productId of seed.products) {
      notices.push({
        kind: 'product',
        productId,
        available: 1_000_000 - version,
        pending: 0,
        sold: version,
        stockVersion: version,
        eventAt: '',
      });
    }
  }
  const orderNotices: ChangeNotice[] = seed.orders.flatMap((o) =>
    (['pending', 'confirmed'] as const).map((status) => ({
      kind: 'order' as const,
      orderId: o._id,
      userId: o.userId,
      productId: 'p0',
      status,
      eventAt: '',
    })),
  );
  return { notices, orderNotices };
}
