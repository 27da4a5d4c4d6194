import { randomUUID } from 'node:crypto';
import { newEvent, type PlaceOrderRequest, type TokenClaims } from '@scalemart/contracts';
import { DomainError, redisUnavailable } from '@scalemart/runtime/service';
import type { DurabilityPoint, ReserveRefusal, WriteModel } from '@scalemart/runtime/writeModel';
import type { Metrics } from '../http/metrics.js';
import { checkIdempotencyKey } from './idempotencyKeys.js';
import type { PublishResult } from './publisher.js';
import type { SoldOutCache } from './soldOutCache.js';

/** What both routes to a purchase (the lean one and Express's) decide with. */
export interface PlaceOrderCore {
  store: WriteModel;
  soldOut: SoldOutCache;
  metrics: Metrics;
  publish: (productId: string, eventJson: string, type: string) => Promise<PublishResult>;
  /** `redis-aof`: the reservation is on disk when the script answers, so the 202 does not wait for the PubAck. */
  durability: DurabilityPoint;
}

/** A parsed, authenticated purchase; `ticket` is the sold-out cache's, taken before Redis. */
export interface PurchaseInput {
  user: TokenClaims;
  body: PlaceOrderRequest;
  key: string | undefined;
  ticket: number;
  requestId: string;
}

export type PurchaseDecision =
  | { status: 'refused'; code: ReserveRefusal }
  | { status: 'reserved' | 'replayed'; orderId: string };

/**
 * Built once: after a sell-out nearly every answer is a refusal, and capturing a fresh stack
 * trace for each cost ~40 µs. A DomainError is only read by the answer writers, never mutated.
 */
export const REFUSALS: Record<ReserveRefusal, DomainError> = {
  sold_out: new DomainError('sold_out', 'The product is sold out'),
  limit_reached: new DomainError(
    'limit_reached',
    'You already hold as many units as the sale allows per buyer',
  ),
  sale_not_open: new DomainError('sale_not_open', 'The sale is not open'),
  unknown_product: new DomainError('unknown_product', 'There is no such product'),
};

/**
 * Idempotency check -> one Lua script -> PubAck (awaited only when the stream is the durability
 * point; see DurabilityPoint). Throws DomainError (409 idempotency_conflict,
 * 503 unavailable); a refusal of the script is returned, and a sell-out is remembered.
 */
export async function placeOrder(
  deps: PlaceOrderCore,
  input: PurchaseInput,
): Promise<PurchaseDecision> {
  const { user, body, key, requestId } = input;
  if (key) {
    await unavailableWhenDown(deps.store, () =>
      checkIdempotencyKey(deps.store.redis, user.sub, key, body),
    );
  }
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
  const stopReserve = deps.metrics.reserveSeconds.startTimer();
  const result = await unavailableWhenDown(deps.store, () => deps.store.reserve(template, key));
  stopReserve();
  if (result.status === 'refused') {
    // With a key, a refusal may be the replay of an old one (sold out before a restock).
    if (result.code === 'sold_out' && !key) {
      deps.soldOut.remember(body.productId, body.quantity, input.ticket);
    }
    deps.metrics.reservations.inc({ outcome: result.code });
    return result;
  }
  if (result.status === 'reserved') {
    deps.soldOut.stockSeen(body.productId);
    const published = deps.publish(body.productId, result.eventJson, 'OrderPlaced');
    // The publisher never rejects: a failed publish is left to the outbox relay.
    if (deps.durability === 'stream') await published;
  }
  deps.metrics.reservations.inc({ outcome: result.status });
  return { status: result.status, orderId: result.orderId };
}

/** A Redis that cannot be reached is a 503 (retry later), not a 500. */
async function unavailableWhenDown<T>(store: WriteModel, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (cause) {
    if (!redisUnavailable(store.redis, cause)) throw cause;
    throw new DomainError('unavailable', 'Purchases are unavailable right now', {
      retryAfterSeconds: 1,
      cause,
    });
  }
}
