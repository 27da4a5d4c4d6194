import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  IdempotencyKey,
  PlaceOrderRequest,
  type PlaceOrderResponse,
  type TokenClaims,
} from '@scalemart/contracts';
import { DomainError, bearerToken, parseWith, type AccessTokens } from '@scalemart/runtime/service';
import type { Logger } from 'pino';
import {
  prebuiltProblem,
  sendJson,
  sendProblemLean,
  type HeaderList,
} from '../http/leanResponse.js';
import { readJsonBody } from '../http/leanJsonBody.js';
import type { LeanLimiter } from '../http/rateLimits.js';
import { requestIdFrom } from '../http/requestContext.js';
import { REFUSALS, placeOrder, type PlaceOrderCore } from './placeOrder.js';
import { purchaseObserver } from './purchaseObserver.js';

export interface LeanPlaceOrderDeps extends PlaceOrderCore {
  tokens: AccessTokens;
  limiter: LeanLimiter;
  /** helmet's headers, the same on every answer. */
  securityHeaders: HeaderList;
  /** cors's headers for a simple request from this Origin. */
  corsHeaders: (origin: string | undefined) => HeaderList;
  logger: Logger;
}

/** The outcome label of an answer (the latency histogram's), like the Express path's. */
type Outcome = string;

const UNAUTHORIZED = new DomainError('unauthorized', 'A bearer token is required');
const INTERNAL = new DomainError('internal', 'Something went wrong on our side');

/**
 * POST /api/orders on node:http, for the requests Express would parse as plain JSON (front.ts
 * decides): the same checks in the same order as placeOrderRoute.ts, with the same answers,
 * headers and metrics, minus Express's router, per-request middleware and re-serialised
 * refusals. The sold-out answer after a sell-out, nearly every request of a flash sale, is a
 * token check, a map lookup and one prebuilt string.
 */
export function leanPlaceOrder(
  deps: LeanPlaceOrderDeps,
): (req: IncomingMessage, res: ServerResponse) => void {
  const soldOut = prebuiltRefusals.sold_out;
  const observe = purchaseObserver(deps.metrics, deps.logger);
  const soldOutCount = deps.metrics.reservations.labels({ outcome: 'sold_out' });

  const decide = async (
    req: IncomingMessage,
    res: ServerResponse,
    headers: HeaderList,
    requestId: string,
  ): Promise<Outcome> => {
    const user = authenticate(deps.tokens, req.headers.authorization);
    const body = parseWith(PlaceOrderRequest, await readJsonBody(req));
    const header = req.headers['idempotency-key'];
    const key = header === undefined ? undefined : parseWith(IdempotencyKey, header);
    // A retried request must get its first answer, so only key-less requests use the cache.
    if (!key && deps.soldOut.isSoldOut(body.productId, body.quantity)) {
      soldOutCount.inc();
      soldOut(res, headers);
      return 'sold_out';
    }
    const ticket = deps.soldOut.ticket(body.productId);
    const limited = await deps.limiter(req, headers, user.sub);
    if (limited) throw limited;
    const decision = await placeOrder(deps, { user, body, key, ticket, requestId });
    if (decision.status === 'refused') {
      prebuiltRefusals[decision.code](res, headers);
      return decision.code;
    }
    headers.push('Location', `/api/orders/${decision.orderId}`);
    const answer: PlaceOrderResponse = { orderId: decision.orderId, status: 'pending' };
    sendJson(res, 202, headers, JSON.stringify(answer));
    return decision.status;
  };

  return (req, res) => {
    const started = performance.now();
    const requestId = requestIdFrom(req.headers['x-request-id']);
    const headers = [
      ...deps.securityHeaders,
      ...deps.corsHeaders(req.headers.origin),
      'x-request-id',
      requestId,
    ];
    decide(req, res, headers, requestId).then(
      (outcome) => observe(req, res, started, requestId, outcome),
      (error: unknown) => {
        const outcome = answerError(deps.logger, res, headers, error);
        observe(req, res, started, requestId, outcome);
      },
    );
  };
}

/** Every refusal of the script has a body that never changes: each is serialised once. */
const prebuiltRefusals = Object.fromEntries(
  Object.entries(REFUSALS).map(([code, error]) => [code, prebuiltProblem(error)]),
) as Record<keyof typeof REFUSALS, ReturnType<typeof prebuiltProblem>>;

function authenticate(tokens: AccessTokens, authorization: string | undefined): TokenClaims {
  const token = bearerToken(authorization);
  if (!token) throw UNAUTHORIZED;
  return tokens.verify(token);
}

/**
 * An error becomes problem+json, labelled as the Express path labels it: a DomainError by its
 * code, a body that could not be read by its status (Express's outcome hook never sees those as
 * DomainErrors), anything else a logged 500.
 */
function answerError(
  logger: Logger,
  res: ServerResponse,
  headers: HeaderList,
  error: unknown,
): Outcome {
  if (res.headersSent) {
    logger.error({ err: error }, 'error after the answer was sent');
    return String(res.statusCode);
  }
  if (error instanceof DomainError) {
    sendProblemLean(res, headers, error);
    const fromBody = error.code === 'malformed_json' || error.code === 'payload_too_large';
    return fromBody ? String(error.status) : error.code;
  }
  logger.error({ err: error, url: '/api/orders' }, 'unhandled error');
  sendProblemLean(res, headers, INTERNAL);
  return String(INTERNAL.status);
}
