import { z } from 'zod';
import { ProductId, Timestamp } from '../ids.js';

/** One minute of sales, per product or (productId null) in total. */
export const SalesBucket = z.object({
  minute: Timestamp,
  orders: z.int().nonnegative(),
  units: z.int().nonnegative(),
  revenueCents: z.int().nonnegative(),
});
export type SalesBucket = z.infer<typeof SalesBucket>;

export const ProductSalesSummary = z.object({
  productId: ProductId,
  name: z.string(),
  sold: z.int().nonnegative(),
  available: z.int().nonnegative(),
  /** sold / (initial + restocked), 0..1 */
  sellThrough: z.number().min(0).max(1),
  saleStartedAt: Timestamp.nullable(),
  soldOutAt: Timestamp.nullable(),
  timeToSellOutMs: z.int().nonnegative().nullable(),
  lowStock: z.boolean(),
});
export type ProductSalesSummary = z.infer<typeof ProductSalesSummary>;

export const StatsQuery = z.strictObject({
  windowMinutes: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
});
export type StatsQuery = z.infer<typeof StatsQuery>;

export const SalesStats = z.object({
  windowMinutes: z.int().positive(),
  buckets: z.array(SalesBucket),
  totals: z.object({
    orders: z.int().nonnegative(),
    units: z.int().nonnegative(),
    revenueCents: z.int().nonnegative(),
  }),
  /** Orders placed and not yet confirmed or rejected: the confirmation queue's depth. */
  pendingOrders: z.int().nonnegative(),
  products: z.array(ProductSalesSummary),
  lowStock: z.array(ProductId),
  generatedAt: Timestamp,
});
export type SalesStats = z.infer<typeof SalesStats>;

export const DeadLetter = z.object({
  id: z.string(),
  consumer: z.string(),
  streamSequence: z.int().nonnegative(),
  subject: z.string(),
  reason: z.string(),
  payload: z.string(),
  deliveries: z.int().nonnegative(),
  at: Timestamp,
});
export type DeadLetter = z.infer<typeof DeadLetter>;

export const DeadLetterPage = z.object({ deadLetters: z.array(DeadLetter) });
export type DeadLetterPage = z.infer<typeof DeadLetterPage>;
