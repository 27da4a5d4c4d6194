import { z } from 'zod';
import { eventSchema } from '../envelope.js';
import { Cents, Currency, OrderId, ProductId, UserId } from '../ids.js';
import { StockVersion } from './productEvents.js';

const OrderLine = {
  orderId: OrderId,
  userId: UserId,
  productId: ProductId,
  quantity: z.int().positive(),
};

/**
 * The first shape of OrderPlaced: one unit price, no currency, no totals. Kept so events written
 * by older command-apis still read; `upcast` turns it into the current version.
 */
export const OrderPlacedV1 = eventSchema(
  'OrderPlaced',
  1,
  z.object({
    ...OrderLine,
    unitPriceCents: Cents,
    stockVersion: StockVersion,
    availableAfter: z.int().nonnegative(),
  }),
);
export type OrderPlacedV1 = z.infer<typeof OrderPlacedV1>;

/** The current OrderPlaced: the reservation the Lua script made, priced and totalled. */
export const OrderPlaced = eventSchema(
  'OrderPlaced',
  2,
  z.object({
    ...OrderLine,
    unitPriceCents: Cents,
    totalCents: Cents,
    currency: Currency,
    stockVersion: StockVersion,
    availableAfter: z.int().nonnegative(),
  }),
);
export type OrderPlaced = z.infer<typeof OrderPlaced>;

export const OrderConfirmed = eventSchema(
  'OrderConfirmed',
  1,
  z.object({
    ...OrderLine,
    totalCents: Cents,
    paymentId: z.string().min(1),
  }),
);
export type OrderConfirmed = z.infer<typeof OrderConfirmed>;

export const RejectionReason = z.enum(['payment_declined', 'payment_failed']);
export type RejectionReason = z.infer<typeof RejectionReason>;

export const OrderRejected = eventSchema(
  'OrderRejected',
  1,
  z.object({
    ...OrderLine,
    reason: RejectionReason,
  }),
);
export type OrderRejected = z.infer<typeof OrderRejected>;
