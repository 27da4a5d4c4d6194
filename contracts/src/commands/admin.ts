import { z } from 'zod';
import { Cents, Currency, ProductId, Timestamp } from '../ids.js';

export const CreateProductRequest = z.strictObject({
  /** Optional: a readable id such as `aurora-headphones`; generated when absent. */
  productId: ProductId.optional(),
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().max(2000).default(''),
  imageUrl: z.url().max(2048).optional(),
  priceCents: Cents.min(1, { message: 'must be positive' }),
  currency: Currency.default('EUR'),
  initialStock: z.int().min(0).max(10_000_000),
});
export type CreateProductRequest = z.infer<typeof CreateProductRequest>;

export const ScheduleSaleRequest = z
  .strictObject({
    startsAt: Timestamp,
    endsAt: Timestamp,
    perUserLimit: z.int().min(1).max(100),
    salePriceCents: Cents.min(1, { message: 'must be positive' }),
  })
  .refine((sale) => Date.parse(sale.endsAt) > Date.parse(sale.startsAt), {
    message: 'must end after it starts',
    path: ['endsAt'],
  });
export type ScheduleSaleRequest = z.infer<typeof ScheduleSaleRequest>;

export const RestockRequest = z.strictObject({
  quantity: z.int().min(1).max(10_000_000),
});
export type RestockRequest = z.infer<typeof RestockRequest>;

export const ProductIdParams = z.strictObject({ id: ProductId });
export type ProductIdParams = z.infer<typeof ProductIdParams>;
