import { z } from 'zod';
import { Cents, Currency, ProductId, Timestamp } from '../ids.js';

export const SaleWindow = z.object({
  startsAt: Timestamp,
  endsAt: Timestamp,
  perUserLimit: z.int().positive(),
  salePriceCents: Cents,
  /** Set when an admin ended the sale before endsAt. */
  endedAt: Timestamp.nullable(),
});
export type SaleWindow = z.infer<typeof SaleWindow>;

/** A product as shoppers see it. `initialStock + restocked = available + pending + sold + released-back`. */
export const ProductView = z.object({
  productId: ProductId,
  name: z.string(),
  description: z.string(),
  imageUrl: z.string().optional(),
  priceCents: Cents,
  currency: Currency,
  sale: SaleWindow.nullable(),
  initialStock: z.int().nonnegative(),
  restocked: z.int().nonnegative(),
  available: z.int().nonnegative(),
  pending: z.int().nonnegative(),
  sold: z.int().nonnegative(),
  lowStock: z.boolean(),
  /** When available first reached 0 during a sale (for "time to sell out"); null until then. */
  soldOutAt: Timestamp.nullable(),
  stockVersion: z.int().nonnegative(),
  updatedAt: Timestamp,
});
export type ProductView = z.infer<typeof ProductView>;

/** A product counts as low on stock at or under this share of everything it ever had. */
export const LOW_STOCK_RATIO = 0.1;

/** Whether a product is low on stock; the same rule for the projection, the API and the UI. */
export function isLowStock(available: number, totalStock: number): boolean {
  return totalStock > 0 && available <= Math.ceil(totalStock * LOW_STOCK_RATIO);
}

export type SaleState = 'none' | 'scheduled' | 'live' | 'ended';

/** Where a sale stands at `now`. */
export function saleState(sale: SaleWindow | null, now: Date = new Date()): SaleState {
  if (!sale) return 'none';
  const at = now.getTime();
  if (sale.endedAt !== null || at >= Date.parse(sale.endsAt)) return 'ended';
  return at >= Date.parse(sale.startsAt) ? 'live' : 'scheduled';
}
