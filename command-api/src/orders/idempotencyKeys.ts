import type { PlaceOrderRequest } from '@scalemart/contracts';
import { DomainError } from '@scalemart/runtime/service';
import type { RedisClient } from '@scalemart/runtime/service';

const TTL_SECONDS = 24 * 60 * 60;

/**
 * The reservation script remembers an Idempotency-Key per user *and product* (its keys must
 * share the product's hash tag). This records which request a user's key first belonged to, so
 * the same key reused for a different product or quantity is refused (409 idempotency_conflict)
 * instead of silently placing a second order. One round trip (SET NX GET), only when a key is sent.
 */
export async function checkIdempotencyKey(
  redis: RedisClient,
  userId: string,
  key: string,
  body: PlaceOrderRequest,
): Promise<void> {
  const request = `${body.productId}:${body.quantity}`;
  const first = (await redis.call(
    'SET',
    `idemreq:{u:${userId}}:${key}`,
    request,
    'NX',
    'GET',
    'EX',
    TTL_SECONDS,
  )) as string | null;
  if (first !== null && first !== request) {
    throw new DomainError(
      'idempotency_conflict',
      'This Idempotency-Key was used for a different purchase',
    );
  }
}
