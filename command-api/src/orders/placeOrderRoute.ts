import { randomUUID } from 'node:crypto';
import {
  IdempotencyKey,
  PlaceOrderRequest,
  newEvent,
  type PlaceOrderResponse,
} from '@scalemart/contracts';
import { DomainError, parseWith, sendProblem, type AccessTokens } from '@scalemart/infra/service';
import type { ReserveRefusal, StockStore } from '@scalemart/infra/stock';
import { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { authenticate, userOf } from '../auth/authenticate.js';
import type { Metrics } from '../http/metrics.js';
import { requestIdOf } from '../http/requestContext.js';
import { checkIdempotencyKey } from './idempotencyKeys.js';
import type { PublishResult } from './publisher.js';
import type { SoldOutCache } from './soldOutCache.js';

export interface PlaceOrderDeps {
  tokens: AccessTokens;
  store: StockStore;
  soldOut: SoldOutCache;
  metrics: Metrics;
  json: RequestHandler;
  limiter: RequestHandler;
  publish: (productId: string, eventJson: string, type: string) => Promise<PublishResult>;
}

/**
 * Built once: after a sell-out nearly every answer is a refusal, and capturing a fresh stack
 * trace for each cost ~40 µs. A DomainError is only read by the error middleware, never mutated.
 */
const REFUSALS: Record<ReserveRefusal, DomainError> = {
  sold_out: new DomainError('sold_out', 'The product is sold out'),
  limit_reached: new DomainError(
    'limit_reached',
    'You already hold as many units as the sale allows per buyer',
  ),
  sale_not_open: new DomainError('sale_not_open', 'The sale is not open'),
  unknown_product: new DomainError('unknown_product', 'There is no such product'),
};

interface Order {
  body: PlaceOrderRequest;
  key: string | undefined;
  ticket: number;
}

/** Answered here rather than thrown: an error would walk every later router to the error handler. */
function refuse(deps: PlaceOrderDeps, res: Response, code: ReserveRefusal): void {
  deps.metrics.reservations.inc({ outcome: code });
  res.locals.outcome = code;
  sendProblem(res, REFUSALS[code]);
}

/**
 * POST /api/orders, the hot path, mounted straight on the app (no router to walk through):
 * token -> body -> (sold-out from memory) -> per-user rate limit -> one Lua script -> PubAck -> 202. Cheap refusals (401, 422, a remembered sell-out) come
 * before the rate limiter so they cost no Redis round trip; everything that reaches Redis counts.
 */
export function placeOrderHandlers(deps: PlaceOrderDeps): RequestHandler[] {
  const parse = (req: Request, res: Response, next: NextFunction) => {
    const body = parseWith(PlaceOrderRequest, req.body);
    const header = req.headers['idempotency-key'];
    const key = header === undefined ? undefined : parseWith(IdempotencyKey, header);
    // A retried request must get its first answer, so only key-less requests use the cache.
    if (!key && deps.soldOut.isSoldOut(body.productId, body.quantity)) {
      return refuse(deps, res, 'sold_out');
    }
    res.locals.order = { body, key, ticket: deps.soldOut.ticket(body.productId) } satisfies Order;
    next();
  };

  const reserve = async (req: Request, res: Response) => {
    const { body, key, ticket } = res.locals.order as Order;
    const user = userOf(res);
    if (key) {
      await unavailableWhenDown(deps.store, () =>
        checkIdempotencyKey(deps.store.redis, user.sub, key, body),
      );
    }
    const requestId = requestIdOf(res);
    const orderId = randomUUID();
    const template = newEvent(
      'OrderPlaced',
      2,
      {
        orderId,
        userId: user.sub,
        productId: body.productId,
        quantity: body.quantity,
        // Filled in by the script, which alone knows the price and the stock.
        unitPriceCents: 0,
        totalCents: 0,
        currency: 'XXX',
        stockVersion: 0,
        availableAfter: 0,
      },
      { id: orderId, aggregateId: orderId, correlationId: requestId, causationId: requestId },
    );
    const result = await unavailableWhenDown(deps.store, () => deps.store.reserve(template, key));
    if (result.status === 'refused') {
      // With a key, a refusal may be the replay of an old one (sold out before a restock).
      if (result.code === 'sold_out' && !key) {
        deps.soldOut.remember(body.productId, body.quantity, ticket);
      }
      return refuse(deps, res, result.code);
    }
    if (result.status === 'reserved') {
      res.locals.published = await deps.publish(body.productId, result.eventJson, 'OrderPlaced');
    }
    deps.metrics.reservations.inc({ outcome: result.status });
    res.locals.outcome = result.status;
    const answer: PlaceOrderResponse = { orderId: result.orderId, status: 'pending' };
    res.status(202).location(`/api/orders/${result.orderId}`).json(answer);
  };

  return [authenticate(deps.tokens), deps.json, parse, deps.limiter, reserve];
}

/** A Redis that cannot be reached is a 503 (retry later), not a 500. */
async function unavailableWhenDown<T>(store: StockStore, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (cause) {
    if (store.redis.status === 'ready') throw cause;
    throw new DomainError('unavailable', 'Purchases are unavailable right now', {
      retryAfterSeconds: 1,
      cause,
    });
  }
}
