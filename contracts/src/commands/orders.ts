import { z } from 'zod';
import { OrderId, ProductId } from '../ids.js';

/** Body of POST /api/orders. The buyer is the token's subject, never a body field. */
export const PlaceOrderRequest = z.strictObject({
  productId: ProductId,
  quantity: z.int().min(1).max(10),
});
export type PlaceOrderRequest = z.infer<typeof PlaceOrderRequest>;

/** Optional header that makes a retried purchase return the first answer. */
export const IdempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,128}$/, 'must be 8-128 letters, digits, "_" or "-"');
export type IdempotencyKey = z.infer<typeof IdempotencyKey>;

export const PlaceOrderResponse = z.object({
  orderId: OrderId,
  status: z.literal('pending'),
});
export type PlaceOrderResponse = z.infer<typeof PlaceOrderResponse>;
