import {
  ListOrdersQuery,
  OrderIdParams,
  type OrderPage,
  type OrderView,
} from '@scalemart/contracts';
import { DomainError, parseWith } from '@scalemart/runtime/service';
import { Router } from 'express';
import type { Filter } from 'mongodb';
import { requireClaims } from '../http/authenticate.js';
import { toView, type ReadModels, type Stored } from '../readModels/readModels.js';
import { decodeCursor, encodeCursor } from './orderCursor.js';

/**
 * One page of a user's orders, newest first. Keyset pagination on (placedAt, _id): an order
 * placed while a client pages lands before its first page and never shifts the later ones.
 */
export async function listOrders(
  models: ReadModels,
  userId: string,
  query: ListOrdersQuery,
): Promise<OrderPage> {
  const filter: Filter<Stored<OrderView>> = { userId };
  if (query.cursor) {
    const after = decodeCursor(query.cursor);
    filter.$or = [
      { placedAt: { $lt: after.placedAt } },
      { placedAt: after.placedAt, _id: { $lt: after.orderId } },
    ];
  }
  const docs = await models.orders
    .find(filter)
    .sort({ placedAt: -1, _id: -1 })
    .limit(query.limit + 1)
    .toArray();
  const page = docs.slice(0, query.limit);
  const last = page.at(-1);
  return {
    orders: page.map((doc) => toView<OrderView>(doc)),
    nextCursor:
      docs.length > query.limit && last
        ? encodeCursor({ placedAt: last.placedAt, orderId: last._id })
        : null,
  };
}

/** GET /api/orders and GET /api/orders/:id — the caller's own orders only. */
export function ordersRoutes(models: ReadModels): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const { sub } = requireClaims(req);
    res.json(await listOrders(models, sub, parseWith(ListOrdersQuery, req.query)));
  });
  router.get('/:id', async (req, res) => {
    const { sub } = requireClaims(req);
    const { id } = parseWith(OrderIdParams, req.params);
    // Someone else's order is "not found", not "forbidden": ids of others' orders leak nothing.
    const doc = await models.orders.findOne({ _id: id, userId: sub });
    if (!doc) throw new DomainError('not_found', 'No such order', { detail: id });
    res.json(toView<OrderView>(doc));
  });
  return router;
}
