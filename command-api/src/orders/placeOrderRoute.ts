import type { IncomingMessage, ServerResponse } from 'node:http';
import { IdempotencyKey, PlaceOrderRequest, type PlaceOrderResponse } from '@scalemart/contracts';
import {
  answerError,
  parseWith,
  prebuiltProblem,
  sendJson,
  type AccessTokens,
  type HeaderList,
} from '@scalemart/runtime/service';
import type { ReserveRefusal } from '@scalemart/runtime/writeModel';
import type { Logger } from 'pino';
import { verifyBearer } from '../auth/authenticate.js';
import { readJsonBody } from '../http/jsonBody.js';
import type { RequestObserver } from '../http/requestObserver.js';
import { requestIdFrom } from '../http/requestContext.js';
import { REFUSALS, placeOrder, type PlaceOrderCore } from './placeOrder.js';
import type { PurchaseLimit } from './purchaseLimit.js';

/** The one route to a purchase, as the histogram and the API description name it. */
export const PLACE_ORDER_ROUTE = { method: 'POST', path: '/api/orders' } as const;

export interface PlaceOrderRouteDeps extends PlaceOrderCore {
  tokens: AccessTokens;
  limit: PurchaseLimit;
  /** helmet's and cors's headers for a request from this Origin. */
  headersFor: (origin: string | undefined) => HeaderList;
  observe: RequestObserver;
  logger: Logger;
}

/** Every refusal of the script has a body that never changes: each is serialised once. */
const prebuiltRefusals = Object.fromEntries(
  Object.entries(REFUSALS).map(([code, error]) => [code, prebuiltProblem(error)]),
) as Record<ReserveRefusal, ReturnType<typeof prebuiltProblem>>;

/**
 * POST /api/orders on bare node:http (Express's chain per purchase cost 2.7x the CPU):
 * token -> body -> zod -> (sold-out from memory) -> per-user rate limit -> one Lua script ->
 * PubAck -> 202. Cheap refusals come before the rate limiter so they cost no Redis round trip;
 * everything that reaches Redis counts. After a sell-out, nearly every request of a flash sale
 * is a token check, a map lookup and one prebuilt string.
 */
export function placeOrderRoute(
  deps: PlaceOrderRouteDeps,
): (req: IncomingMessage, res: ServerResponse) => void {
  const soldOutCount = deps.metrics.reservations.labels({ outcome: 'sold_out' });

  const decide = async (
    req: IncomingMessage,
    res: ServerResponse,
    headers: HeaderList,
    requestId: string,
  ): Promise<string> => {
    const user = verifyBearer(deps.tokens, req.headers.authorization);
    const body = parseWith(PlaceOrderRequest, await readJsonBody(req));
    const header = req.headers['idempotency-key'];
    const key = header === undefined ? undefined : parseWith(IdempotencyKey, header);
    // A retried request must get its first answer, so only key-less requests use the cache.
    if (!key && deps.soldOut.isSoldOut(body.productId, body.quantity)) {
      soldOutCount.inc();
      prebuiltRefusals.sold_out(res, headers);
      return 'sold_out';
    }
    const ticket = deps.soldOut.ticket(body.productId);
    const limited = await deps.limit(user.sub, headers);
    if (limited) throw limited;
    const decision = await placeOrder(deps, { user, body, key, ticket, requestId });
    if (decision.status === 'refused') {
      prebuiltRefusals[decision.code](res, headers);
      return decision.code;
    }
    headers.push('Location', `/api/orders/${decision.orderId}`);
    const answer: PlaceOrderResponse = { orderId: decision.orderId, status: 'pending' };
    sendJson(res, 202, headers, answer);
    return decision.status;
  };

  return (req, res) => {
    const started = performance.now();
    const requestId = requestIdFrom(req.headers['x-request-id']);
    const headers = [...deps.headersFor(req.headers.origin), 'x-request-id', requestId];
    const observe = (outcome: string) =>
      deps.observe({
        requestId,
        method: PLACE_ORDER_ROUTE.method,
        route: PLACE_ORDER_ROUTE.path,
        url: req.url ?? PLACE_ORDER_ROUTE.path,
        status: res.statusCode,
        outcome,
        started,
      });
    decide(req, res, headers, requestId).then(observe, (error: unknown) =>
      observe(answerError(res, error, { logger: deps.logger, url: req.url, headers })),
    );
  };
}
