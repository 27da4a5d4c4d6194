import type { RedisClient } from '@scalemart/infra/service';
import { accountKeys } from './accountStore.js';

export interface AccountLockoutLimits {
  /** Attempts without a success before the account locks. */
  failuresAllowed: number;
  /** The first lockout; it doubles with each failure after it, up to `maxLockoutMs`. */
  lockoutMs: number;
  maxLockoutMs: number;
}

/** How long failures are remembered after the last attempt (and any lockout) ends. */
const MEMORY_MS = 24 * 60 * 60 * 1000;

// One script per attempt, so every instance agrees and parallel guesses cannot slip past the
// count: the attempt is counted *before* the password is checked, and the attempt that reaches
// the limit sets the lock at once (a success then deletes it). Redis' clock, not the instances'.
// Returns 0 when the attempt may go ahead, else the milliseconds the lock still holds.
const BEGIN_ATTEMPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local lockedUntil = tonumber(redis.call('HGET', KEYS[1], 'lockedUntil') or '0')
if now < lockedUntil then return lockedUntil - now end
local attempts = redis.call('HINCRBY', KEYS[1], 'attempts', 1)
local allowed, base, max = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local lockMs = 0
if attempts >= allowed then
  lockMs = math.min(base * 2 ^ (attempts - allowed), max)
  redis.call('HSET', KEYS[1], 'lockedUntil', string.format('%.0f', now + lockMs))
end
redis.call('PEXPIRE', KEYS[1], string.format('%.0f', lockMs + tonumber(ARGV[4])))
return 0`;

type Scripts = { loginBeginAttempt(key: string, ...args: number[]): Promise<number> };

/**
 * Failed logins per account (per email, known or not, so a lockout never tells whether an
 * account exists): after `failuresAllowed` attempts without a success the account locks, for
 * longer after each further failure; a successful login clears it. Kept in Redis under the
 * account's hash tag.
 */
export class AccountLockout {
  readonly #scripts: Scripts;

  constructor(
    private readonly redis: RedisClient,
    private readonly limits: AccountLockoutLimits,
  ) {
    if (!('loginBeginAttempt' in redis)) {
      redis.defineCommand('loginBeginAttempt', { numberOfKeys: 1, lua: BEGIN_ATTEMPT });
    }
    this.#scripts = redis as unknown as Scripts;
  }

  /** Counts an attempt; returns 0 when it may go ahead, else how long the lock still holds (ms). */
  beginAttempt(email: string): Promise<number> {
    const { failuresAllowed, lockoutMs, maxLockoutMs } = this.limits;
    return this.#scripts.loginBeginAttempt(
      accountKeys(email).loginFailures,
      failuresAllowed,
      lockoutMs,
      maxLockoutMs,
      MEMORY_MS,
    );
  }

  /** A successful login: the count and any lock are gone. */
  async succeeded(email: string): Promise<void> {
    await this.redis.del(accountKeys(email).loginFailures);
  }
}
