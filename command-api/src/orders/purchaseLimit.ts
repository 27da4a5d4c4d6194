import {
  DomainError,
  setListHeader,
  type HeaderList,
  type RedisClient,
} from '@scalemart/runtime/service';
import type { Logger } from 'pino';
import { windowStore } from '../http/rateLimitStore.js';

const WINDOW_MS = 60_000;

/**
 * Counts one purchase of `userId`; resolves to the 429 to answer, or undefined to go on. The
 * budget's headers (draft-7 RateLimit and RateLimit-Policy) are added to `headers`.
 */
export type PurchaseLimit = (
  userId: string,
  headers: HeaderList,
) => Promise<DomainError | undefined>;

/**
 * Purchases per user per minute, shared by every instance: one INCR-and-expire script of
 * rate-limit-redis's store per purchase. When Redis is down the purchase goes on (fail open):
 * the reservation needs Redis anyway and answers 503 itself, so failing closed would only change
 * the error's name.
 */
export function purchaseLimit(redis: RedisClient, limit: number, logger: Logger): PurchaseLimit {
  const store = windowStore(redis, 'rl:purchase:', WINDOW_MS);
  const policy = `${limit};w=${WINDOW_MS / 1000}`;
  return async (userId, headers) => {
    let hits: Awaited<ReturnType<typeof store.increment>>;
    try {
      hits = await store.increment(userId);
    } catch (error) {
      logger.warn({ err: error }, 'purchase rate limit unavailable: letting the purchase through');
      return undefined;
    }
    const resetMs = hits.resetTime ? hits.resetTime.getTime() - Date.now() : WINDOW_MS;
    const resetSeconds = Math.max(0, Math.ceil(resetMs / 1000));
    const remaining = Math.max(0, limit - hits.totalHits);
    setListHeader(headers, 'RateLimit-Policy', policy);
    setListHeader(
      headers,
      'RateLimit',
      `limit=${limit}, remaining=${remaining}, reset=${resetSeconds}`,
    );
    if (hits.totalHits <= limit) return undefined;
    return new DomainError('rate_limited', 'Too many requests, try again later', {
      retryAfterSeconds: Math.max(1, resetSeconds),
    });
  };
}
