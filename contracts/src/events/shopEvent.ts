import { z } from 'zod';
import { OrderConfirmed, OrderPlaced, OrderRejected } from './orderEvents.js';
import {
  ProductCreated,
  SaleEnded,
  SaleScheduled,
  StockReleased,
  StockReplenished,
} from './productEvents.js';

/** Every event of the flow at its current version. */
export const ShopEvent = z.discriminatedUnion('type', [
  ProductCreated,
  SaleScheduled,
  SaleEnded,
  StockReplenished,
  StockReleased,
  OrderPlaced,
  OrderConfirmed,
  OrderRejected,
]);
export type ShopEvent = z.infer<typeof ShopEvent>;

export type ShopEventType = ShopEvent['type'];
export type EventOfType<T extends ShopEventType> = Extract<ShopEvent, { type: T }>;

export const SHOP_EVENT_TYPES = ShopEvent.options.map(
  (option) => option.shape.type.value,
) as readonly ShopEventType[];
