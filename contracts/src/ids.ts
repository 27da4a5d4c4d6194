import { z } from 'zod';

/**
 * Identifiers end up inside Redis keys and NATS subjects, so they are restricted to characters
 * that can never break either: no dots, wildcards, spaces, braces or colons.
 */
export const EntityId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, "_" or "-"');
export type EntityId = z.infer<typeof EntityId>;

export const ProductId = EntityId;
export type ProductId = z.infer<typeof ProductId>;

export const UserId = EntityId;
export type UserId = z.infer<typeof UserId>;

export const OrderId = z.uuid();
export type OrderId = z.infer<typeof OrderId>;

/** An ISO-8601 timestamp with a zone, as every event and read model carries it. */
export const Timestamp = z.iso.datetime({ offset: true });
export type Timestamp = z.infer<typeof Timestamp>;

/** Money is integer minor units (cents): floats never touch a price. */
export const Cents = z.int().nonnegative().max(100_000_000);
export type Cents = z.infer<typeof Cents>;

export const Currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO-4217 code such as EUR');
export type Currency = z.infer<typeof Currency>;

export const Role = z.enum(['shopper', 'admin']);
export type Role = z.infer<typeof Role>;
