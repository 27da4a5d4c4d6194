import { z } from 'zod';
import { ProductId, Timestamp } from '../ids.js';
import { ProductView } from '../readModels/productView.js';
import { OrderView } from '../readModels/orderView.js';
import { DeadLetter, SalesBucket } from '../readModels/salesStats.js';

/** Socket.IO rooms. Anonymous sockets may join product rooms only. */
export const rooms = {
  allProducts: 'products',
  product: (productId: string) => `product:${productId}`,
  user: (userId: string) => `user:${userId}`,
  admin: 'admin',
} as const;

/** client -> server: start or stop watching one product, or all of them. */
export const WatchRequest = z.strictObject({
  productId: ProductId.optional(),
});
export type WatchRequest = z.infer<typeof WatchRequest>;

/** server -> client `stock`: the live stock of one product (coalesced; the last push is the truth). */
export const StockPush = z.object({
  productId: ProductId,
  available: z.int().nonnegative(),
  pending: z.int().nonnegative(),
  sold: z.int().nonnegative(),
  stockVersion: z.int().nonnegative(),
  eventAt: Timestamp,
});
export type StockPush = z.infer<typeof StockPush>;

/** server -> client `products`: a full snapshot, sent on connect and on reconnect after a gap. */
export const ProductsSnapshot = z.object({ products: z.array(ProductView) });
export type ProductsSnapshot = z.infer<typeof ProductsSnapshot>;

/**
 * server -> client `product`: a product whose sale (or listing) changed without a stock change:
 * a sale scheduled or ended early, a new product. Stock fields follow the same `stockVersion` rule
 * as `stock` pushes.
 */
export const ProductPush = z.object({ product: ProductView, eventAt: Timestamp });
export type ProductPush = z.infer<typeof ProductPush>;

/** server -> client `order`: one of the user's own orders changed. */
export const OrderPush = z.object({ order: OrderView, eventAt: Timestamp });
export type OrderPush = z.infer<typeof OrderPush>;

/** server -> admin `velocity`, every second: the last minutes of sales and the queue depth. */
export const VelocityPush = z.object({
  at: Timestamp,
  buckets: z.array(SalesBucket),
  ordersPerMinute: z.number().nonnegative(),
  revenuePerMinuteCents: z.number().nonnegative(),
  pendingOrders: z.int().nonnegative(),
});
export type VelocityPush = z.infer<typeof VelocityPush>;

/** server -> admin `low-stock`. */
export const LowStockPush = z.object({
  productId: ProductId,
  available: z.int().nonnegative(),
  eventAt: Timestamp,
});
export type LowStockPush = z.infer<typeof LowStockPush>;

/** server -> admin `dead-letter`. */
export const DeadLetterPush = DeadLetter;
export type DeadLetterPush = z.infer<typeof DeadLetterPush>;

/** Socket.IO event names, so a typo is a compile error on both ends. */
export const SOCKET_EVENTS = {
  watch: 'watch',
  unwatch: 'unwatch',
  stock: 'stock',
  products: 'products',
  product: 'product',
  order: 'order',
  velocity: 'velocity',
  lowStock: 'low-stock',
  deadLetter: 'dead-letter',
} as const;
