import {
  isLowStock,
  type ProductSalesSummary,
  type ProductView,
  type SalesBucket,
  type SalesStats,
} from '@scalemart/contracts';
import { toView, type ReadModels } from '../readModels/readModels.js';

const MINUTE_MS = 60_000;

/** The ISO minute `windowMinutes - 1` minutes before the current one: the window's first bucket. */
export function windowStart(now: Date, windowMinutes: number): string {
  const minute = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
  return new Date(minute - (windowMinutes - 1) * MINUTE_MS).toISOString();
}

/** The total's (productId null) minute buckets from `from` on, oldest first. */
export async function totalBuckets(models: ReadModels, from: string): Promise<SalesBucket[]> {
  const docs = await models.sales
    .find({ productId: null, minute: { $gte: from } })
    .sort({ minute: 1 })
    .toArray();
  return docs.map(({ minute, orders, units, revenueCents }) => ({
    minute,
    orders,
    units,
    revenueCents,
  }));
}

/** Orders placed and not yet confirmed or rejected: the confirmation queue's depth. */
export function pendingOrders(models: ReadModels): Promise<number> {
  return models.orders.countDocuments({ status: 'pending' });
}

/** Sell-through and time to sell out of one product. */
export function summarize(product: ProductView): ProductSalesSummary {
  const total = product.initialStock + product.restocked;
  const startedAt = product.sale?.startsAt ?? null;
  const timeToSellOutMs =
    startedAt && product.soldOutAt
      ? Math.max(0, Date.parse(product.soldOutAt) - Date.parse(startedAt))
      : null;
  return {
    productId: product.productId,
    name: product.name,
    sold: product.sold,
    available: product.available,
    sellThrough: total > 0 ? Math.min(1, product.sold / total) : 0,
    saleStartedAt: startedAt,
    soldOutAt: product.soldOutAt,
    timeToSellOutMs,
    lowStock: isLowStock(product.available, total),
  };
}

/** GET /api/admin/stats: the window's buckets and totals, the queue depth, and every product. */
export async function salesStats(
  models: ReadModels,
  windowMinutes: number,
  now = new Date(),
): Promise<SalesStats> {
  const [buckets, pending, productDocs] = await Promise.all([
    totalBuckets(models, windowStart(now, windowMinutes)),
    pendingOrders(models),
    models.products.find({}).sort({ _id: 1 }).toArray(),
  ]);
  const products = productDocs.map((doc) => summarize(toView<ProductView>(doc)));
  const totals = { orders: 0, units: 0, revenueCents: 0 };
  for (const bucket of buckets) {
    totals.orders += bucket.orders;
    totals.units += bucket.units;
    totals.revenueCents += bucket.revenueCents;
  }
  return {
    windowMinutes,
    buckets,
    totals,
    pendingOrders: pending,
    products,
    lowStock: products.filter((product) => product.lowStock).map((product) => product.productId),
    generatedAt: now.toISOString(),
  };
}
