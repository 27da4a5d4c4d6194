import { z } from 'zod';
import { OrderId, ProductId, Timestamp, UserId } from '../ids.js';
import { OrderStatus } from '../readModels/orderView.js';

/**
 * Change notices: what processors publish on core NATS after each read-model write, and what
 * every query-api instance turns into Socket.IO pushes. `eventAt` is when the causing event
 * occurred, so push latency can be measured end to end.
 */
export const ProductChanged = z.object({
  kind: z.literal('product'),
  productId: ProductId,
  available: z.int().nonnegative(),
  pending: z.int().nonnegative(),
  sold: z.int().nonnegative(),
  stockVersion: z.int().nonnegative(),
  eventAt: Timestamp,
});
export type ProductChanged = z.infer<typeof ProductChanged>;

export const OrderChanged = z.object({
  kind: z.literal('order'),
  orderId: OrderId,
  userId: UserId,
  productId: ProductId,
  status: OrderStatus,
  eventAt: Timestamp,
});
export type OrderChanged = z.infer<typeof OrderChanged>;

export const SalesChanged = z.object({
  kind: z.literal('sales'),
  minute: Timestamp,
  eventAt: Timestamp,
});
export type SalesChanged = z.infer<typeof SalesChanged>;

export const DeadLettered = z.object({
  kind: z.literal('dead-letter'),
  id: z.string(),
  consumer: z.string(),
  reason: z.string(),
  eventAt: Timestamp,
});
export type DeadLettered = z.infer<typeof DeadLettered>;

export const ChangeNotice = z.discriminatedUnion('kind', [
  ProductChanged,
  OrderChanged,
  SalesChanged,
  DeadLettered,
]);
export type ChangeNotice = z.infer<typeof ChangeNotice>;
