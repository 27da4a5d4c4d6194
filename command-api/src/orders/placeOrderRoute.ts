import { IdempotencyKey, PlaceOrderRequest, type PlaceOrderResponse } from '@scalemart/contracts';
import { parseWith, sendProblem, type AccessTokens } from '@scalemart/runtime/service';
import type { ReserveRefusal } from '@scalemart/runtime/writeModel';
import { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { authenticate, userOf } from '../auth/authenticate.js';
import { requestIdOf } from '../http/requestContext.js';
import { REFUSALS, placeOrder, type PlaceOrderCore } from './placeOrder.js';

export interface PlaceOrderDeps extends PlaceOrderCore {
  tokens: AccessTokens;
  json: RequestHandler;
  limiter: RequestHandler;
}

interface Order {
  body: PlaceOrderRequest;
  key: string | undefined;
  ticket: number;
}

/** Answered here rather than thrown: an error would walk every later router to the error handler. */
function refuse(res: Response, code: ReserveRefusal): void {
  res.locals.outcome = code;
  sendProblem(res, REFUSALS[code]);
}

/**
 * POST /api/orders through Express, mounted straight on the app (no router to walk through):
 * token -> body -> (sold-out from memory) -> per-user rate limit -> one Lua script -> PubAck -> 202.
 * Cheap refusals (401, 422, a remembered sell-out) come before the rate limiter so they cost no
 * Redis round trip; everything that reaches Redis counts. The lean route (leanPlaceOrder.ts)
 * answers the same requests the same way without Express; this one serves what it hands over.
 */
export function placeOrderHandlers(deps: PlaceOrderDeps): RequestHandler[] {
  const parse = (req: Request, res: Response, next: NextFunction) => {
    const body = parseWith(PlaceOrderRequest, req.body);
    const header = req.headers['idempotency-key'];
    const key = header === undefined ? undefined : parseWith(IdempotencyKey, header);
    // A retried request must get its first answer, so only key-less requests use the cache.
    if (!key && deps.soldOut.isSoldOut(body.productId, body.quantity)) {
      deps.metrics.reservations.inc({ outcome: 'sold_out' });
      return refuse(res, 'sold_out');
    }
    res.locals.order = { body, key, ticket: deps.soldOut.ticket(body.productId) } satisfies Order;
    next();
  };

  const reserve = async (_req: Request, res: Response) => {
    const order = res.locals.order as Order;
    const decision = await placeOrder(deps, {
      ...order,
      user: userOf(res),
      requestId: requestIdOf(res),
    });
    if (decision.status === 'refused') return refuse(res, decision.code);
    res.locals.outcome = decision.status;
    const answer: PlaceOrderResponse = { orderId: decision.orderId, status: 'pending' };
    res.status(202).location(`/api/orders/${decision.orderId}`).json(answer);
  };

  return [authenticate(deps.tokens), deps.json, parse, deps.limiter, reserve];
}
