import type { Logger } from 'pino';
import type { IndexSpecification, Collection, Document } from 'mongodb';
import type { ReadModels } from './readModels.js';

/** Mongo's "same keys, other name/options" codes: a processor created an equivalent index first. */
const EQUIVALENT_INDEX_CODES = new Set([85, 86]);

/**
 * One index per query this service runs (plain ascending/descending, single or compound), for
 * MongoDB proper; mongo-java-server accepts them and answers these queries by scanning. Idempotent,
 * so every instance runs it at startup.
 */
export async function ensureIndexes(models: ReadModels, logger?: Logger): Promise<void> {
  const wanted: [Collection<Document>, IndexSpecification, string][] = [
    // GET /api/orders: one user's orders, newest first, cursor on (placedAt, _id).
    [models.orders as never, { userId: 1, placedAt: -1, _id: -1 }, 'query_orders_by_user'],
    // pendingOrders in stats and velocity.
    [models.orders as never, { status: 1 }, 'query_orders_by_status'],
    // Stats buckets: one product's (or the total's, productId null) minutes in a window.
    [models.sales as never, { productId: 1, minute: 1 }, 'query_sales_by_product_minute'],
    // Dead letters, newest first.
    [models.deadLetters as never, { at: -1 }, 'query_dead_letters_by_time'],
  ];
  for (const [collection, keys, name] of wanted) {
    try {
      await collection.createIndex(keys, { name });
    } catch (error) {
      const code = (error as { code?: number }).code;
      if (code === undefined || !EQUIVALENT_INDEX_CODES.has(code)) throw error;
      logger?.warn({ index: name, code }, 'an equivalent index already exists; keeping it');
    }
  }
}
