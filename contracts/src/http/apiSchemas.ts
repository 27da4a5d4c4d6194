import { z } from 'zod';
import {
  ProductCreated,
  SaleEnded,
  SaleScheduled,
  StockReplenished,
} from '../events/productEvents.js';
import { OrderId } from '../ids.js';

/** Path of GET /api/orders/:id. */
export const OrderIdParams = z.strictObject({ id: OrderId });
export type OrderIdParams = z.infer<typeof OrderIdParams>;

/** Routes that take no query parameters refuse any (a typo must not pass silently). */
export const NoQuery = z.strictObject({});
export type NoQuery = z.infer<typeof NoQuery>;

/** Query of GET /api/admin/dead-letters: the newest `limit`. */
export const DeadLettersQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type DeadLettersQuery = z.infer<typeof DeadLettersQuery>;

/** GET /healthz of either API: the process answers. */
export const HealthResponse = z.object({ status: z.literal('ok') });
export type HealthResponse = z.infer<typeof HealthResponse>;

/** GET /readyz of either API: each dependency's check, `ok` or why it failed. */
export const Readiness = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.record(z.string(), z.string()),
});
export type Readiness = z.infer<typeof Readiness>;

const withEventId = <T extends z.ZodObject>(data: T) => data.extend({ eventId: z.uuid() });

/** What an admin command answers: the data of the event it wrote, plus that event's id. */
export const ProductCreatedResponse = withEventId(ProductCreated.shape.data);
export type ProductCreatedResponse = z.infer<typeof ProductCreatedResponse>;
export const SaleScheduledResponse = withEventId(SaleScheduled.shape.data);
export type SaleScheduledResponse = z.infer<typeof SaleScheduledResponse>;
export const StockReplenishedResponse = withEventId(StockReplenished.shape.data);
export type StockReplenishedResponse = z.infer<typeof StockReplenishedResponse>;
export const SaleEndedResponse = withEventId(SaleEnded.shape.data);
export type SaleEndedResponse = z.infer<typeof SaleEndedResponse>;
