import { z } from 'zod';
import { RejectionReason } from '../events/orderEvents.js';
import { Cents, Currency, OrderId, ProductId, Timestamp, UserId } from '../ids.js';

export const OrderStatus = z.enum(['pending', 'confirmed', 'rejected']);
export type OrderStatus = z.infer<typeof OrderStatus>;

/** Final statuses: an order never leaves them. */
export const FINAL_ORDER_STATUSES: readonly OrderStatus[] = ['confirmed', 'rejected'];

export const OrderView = z.object({
  orderId: OrderId,
  userId: UserId,
  productId: ProductId,
  quantity: z.int().positive(),
  unitPriceCents: Cents,
  totalCents: Cents,
  currency: Currency,
  status: OrderStatus,
  rejectionReason: RejectionReason.optional(),
  history: z.array(z.object({ status: OrderStatus, at: Timestamp })),
  placedAt: Timestamp,
  updatedAt: Timestamp,
});
export type OrderView = z.infer<typeof OrderView>;

export const ListOrdersQuery = z.strictObject({
  /** Opaque cursor from the previous page's `nextCursor`. */
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type ListOrdersQuery = z.infer<typeof ListOrdersQuery>;

export const OrderPage = z.object({
  orders: z.array(OrderView),
  nextCursor: z.string().nullable(),
});
export type OrderPage = z.infer<typeof OrderPage>;
