import type { Response } from 'express';
import type { RedisClient } from '@scalemart/runtime/service';
import { windowStore, type WindowStore } from '../http/rateLimitStore.js';

export interface WindowCeilingOptions {
  /** Key prefix in rate-limit-redis' store, e.g. `rl:loginfail:`. */
  prefix: string;
  ceiling: number;
  windowMs: number;
  /** Whether `blockedFor` sets the IETF draft-7 `RateLimit` headers (one ceiling per answer). */
  headers?: boolean;
}

/**
 * Events per key in a fixed window, in rate-limit-redis' store (the same counters and keys the
 * other limiters use), but not through express-rate-limit's middleware: that counts a request
 * before it runs and takes a success back only afterwards (`skipSuccessfulRequests`), so a
 * crowd's logins waiting for bcrypt would count against a ceiling while in flight. Here a login
 * only reads the count before the password check, and only the outcome counted adds to it.
 */
export class WindowCeiling {
  readonly #store: WindowStore;

  constructor(
    redis: RedisClient,
    private readonly options: WindowCeilingOptions,
  ) {
    this.#store = windowStore(redis, options.prefix, options.windowMs);
  }

  /** Milliseconds until `key` is under the ceiling again, or 0 when it is under it now. */
  async blockedFor(key: string, res: Response): Promise<number> {
    const { ceiling, windowMs } = this.options;
    const info = await this.#store.get(key);
    const totalHits = info?.totalHits ?? 0;
    const resetMs =
      totalHits > 0 && info?.resetTime ? Math.max(0, info.resetTime.getTime() - Date.now()) : 0;
    const remaining = Math.max(0, ceiling - totalHits);
    if (this.options.headers) {
      res.setHeader('RateLimit-Policy', `${ceiling};w=${windowMs / 1000}`);
      res.setHeader(
        'RateLimit',
        `limit=${ceiling}, remaining=${remaining}, reset=${Math.ceil(resetMs / 1000)}`,
      );
    }
    return remaining === 0 ? Math.max(resetMs, 1000) : 0;
  }

  async add(key: string): Promise<void> {
    await this.#store.increment(key);
  }
}
