import { z } from 'zod';
import { eventSchema } from '../envelope.js';
import { Cents, Currency, ProductId, Timestamp, UserId } from '../ids.js';

const StockLevel = z.int().nonnegative();
/** Bumped by every change of a product's stock in Redis; orders stock facts that arrive out of order. */
export const StockVersion = z.int().nonnegative();

export const ProductCreated = eventSchema(
  'ProductCreated',
  1,
  z.object({
    productId: ProductId,
    name: z.string().min(1).max(120),
    description: z.string().max(2000),
    imageUrl: z.url().optional(),
    priceCents: Cents,
    currency: Currency,
    initialStock: StockLevel,
    stockVersion: StockVersion,
  }),
);
export type ProductCreated = z.infer<typeof ProductCreated>;

export const SaleScheduled = eventSchema(
  'SaleScheduled',
  1,
  z.object({
    productId: ProductId,
    startsAt: Timestamp,
    endsAt: Timestamp,
    perUserLimit: z.int().positive(),
    salePriceCents: Cents,
  }),
);
export type SaleScheduled = z.infer<typeof SaleScheduled>;

export const SaleEnded = eventSchema(
  'SaleEnded',
  1,
  z.object({
    productId: ProductId,
    endedAt: Timestamp,
    reason: z.enum(['ended_early']),
  }),
);
export type SaleEnded = z.infer<typeof SaleEnded>;

export const StockReplenished = eventSchema(
  'StockReplenished',
  1,
  z.object({
    productId: ProductId,
    quantity: z.int().positive(),
    available: StockLevel,
    stockVersion: StockVersion,
  }),
);
export type StockReplenished = z.infer<typeof StockReplenished>;

/** A unit returned to stock after a rejected order; emitted at most once per order. */
export const StockReleased = eventSchema(
  'StockReleased',
  1,
  z.object({
    productId: ProductId,
    orderId: z.uuid(),
    /** The buyer whose hold on the product shrinks by `quantity`. */
    userId: UserId,
    quantity: z.int().positive(),
    available: StockLevel,
    stockVersion: StockVersion,
  }),
);
export type StockReleased = z.infer<typeof StockReleased>;
