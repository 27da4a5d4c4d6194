import type { Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import type { RedisClient } from '@scalemart/infra/service';
import type { RedisStore } from 'rate-limit-redis';
import { redisStore } from '../http/rateLimits.js';

/** The window of the per-address failed-login ceiling. */
export const ADDRESS_WINDOW_MS = 15 * 60_000;

/**
 * Failed logins per client address, in rate-limit-redis' store (the same counters and keys the
 * other limiters use), but not through express-rate-limit's middleware: that counts a request
 * before it runs and takes a success back only afterwards (`skipSuccessfulRequests`), so a
 * crowd's logins waiting for bcrypt would count against the ceiling while in flight. Here a
 * login only reads the count before the password check, and only a failure adds to it.
 */
export class AddressFailures {
  readonly #store: RedisStore;

  constructor(
    redis: RedisClient,
    private readonly ceiling: number,
  ) {
    this.#store = redisStore(redis, 'rl:loginfail:');
    this.#store.init({ windowMs: ADDRESS_WINDOW_MS } as Parameters<RedisStore['init']>[0]);
  }

  /**
   * Milliseconds until the address may try again, or 0 when it is under the ceiling. Sets the
   * IETF draft-7 `RateLimit` headers, as the other limiters do.
   */
  async blockedFor(ip: string | undefined, res: Response): Promise<number> {
    const info = await this.#store.get(keyOf(ip));
    const totalHits = info?.totalHits ?? 0;
    const resetMs =
      totalHits > 0 && info?.resetTime ? Math.max(0, info.resetTime.getTime() - Date.now()) : 0;
    const remaining = Math.max(0, this.ceiling - totalHits);
    res.setHeader('RateLimit-Policy', `${this.ceiling};w=${ADDRESS_WINDOW_MS / 1000}`);
    res.setHeader(
      'RateLimit',
      `limit=${this.ceiling}, remaining=${remaining}, reset=${Math.ceil(resetMs / 1000)}`,
    );
    return remaining === 0 ? Math.max(resetMs, 1000) : 0;
  }

  async failed(ip: string | undefined): Promise<void> {
    await this.#store.increment(keyOf(ip));
  }
}

// IPv6 clients are counted per /56, as express-rate-limit does: one host owns many addresses.
const keyOf = (ip: string | undefined) => ipKeyGenerator(ip ?? 'unknown');
