import type { RedisClient } from '@scalemart/runtime/service';
import { accountKeys } from './accountStore.js';

export interface AccountLockoutLimits {
  /** Attempts from one client (address or device) without a success before that client locks. */
  failuresAllowed: number;
  /** The first lockout; it doubles with each failure after it, up to `maxLockoutMs`. */
  lockoutMs: number;
  maxLockoutMs: number;
  /** Failures from unknown clients, account-wide, before their attempts are slowed. */
  slowAfter: number;
  /** Once slowed: at most one attempt from an unknown client per this many milliseconds. */
  slowIntervalMs: number;
}

/** How long a client's failures are remembered after its last attempt (and any lockout) ends. */
const MEMORY_MS = 24 * 60 * 60 * 1000;
/** How long the account-wide count of strangers' failures lasts after the last one. */
const SLOWDOWN_MEMORY_MS = 60 * 60 * 1000;

// One script per attempt, so every instance agrees and parallel guesses cannot slip past a
// count: the attempt is counted *before* the password is checked, and the attempt that reaches
// the limit sets the lock at once (a success then deletes it). Redis' clock, not the instances'.
// KEYS[1]: this client's failures for the account; KEYS[2]: the account-wide slowdown.
// Returns 0 when the attempt may go ahead, else the milliseconds to wait.
const BEGIN_ATTEMPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local lockedUntil = tonumber(redis.call('HGET', KEYS[1], 'lockedUntil') or '0')
if now < lockedUntil then return lockedUntil - now end
if ARGV[5] == '0' then
  local failures = tonumber(redis.call('HGET', KEYS[2], 'failures') or '0')
  if failures >= tonumber(ARGV[6]) then
    local nextAt = tonumber(redis.call('HGET', KEYS[2], 'nextAt') or '0')
    if now < nextAt then return nextAt - now end
    redis.call('HSET', KEYS[2], 'nextAt', string.format('%.0f', now + tonumber(ARGV[7])))
  end
end
local attempts = redis.call('HINCRBY', KEYS[1], 'attempts', 1)
local allowed, base, max = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local lockMs = 0
if attempts >= allowed then
  lockMs = math.min(base * 2 ^ (attempts - allowed), max)
  redis.call('HSET', KEYS[1], 'lockedUntil', string.format('%.0f', now + lockMs))
end
redis.call('PEXPIRE', KEYS[1], string.format('%.0f', lockMs + tonumber(ARGV[4])))
return 0`;

type Scripts = { loginBeginAttempt(k1: string, k2: string, ...args: number[]): Promise<number> };

/** Who is trying: `client` names the counter (`a:<address>` or `d:<device>`). */
export interface LoginClient {
  client: string;
  /** The owner signed in from this address or device before. */
  known: boolean;
}

/**
 * Failed logins per account *and client* (issue 25, after OWASP's authentication guidance):
 * `failuresAllowed` attempts without a success lock that client out of that account, for longer
 * after each further failure; a success clears it. A stranger guessing from one address thus
 * locks only that address, never the owner elsewhere. Account-wide, strangers' failures past a
 * much higher `slowAfter` slow every unknown client to one attempt per `slowIntervalMs` (a
 * guesser with many addresses), while addresses and devices the owner used are never slowed.
 * Unknown emails are counted the same, so a lockout never tells whether an account exists.
 */
export class AccountLockout {
  readonly #scripts: Scripts;

  constructor(
    private readonly redis: RedisClient,
    private readonly limits: AccountLockoutLimits,
  ) {
    if (!('loginBeginAttempt' in redis)) {
      redis.defineCommand('loginBeginAttempt', { numberOfKeys: 2, lua: BEGIN_ATTEMPT });
    }
    this.#scripts = redis as unknown as Scripts;
  }

  /** Counts an attempt; returns 0 when it may go ahead, else how long to wait (ms). */
  beginAttempt(email: string, who: LoginClient): Promise<number> {
    const { failuresAllowed, lockoutMs, maxLockoutMs, slowAfter, slowIntervalMs } = this.limits;
    const keys = accountKeys(email);
    return this.#scripts.loginBeginAttempt(
      keys.loginFailures(who.client),
      keys.loginSlowdown,
      failuresAllowed,
      lockoutMs,
      maxLockoutMs,
      MEMORY_MS,
      who.known ? 1 : 0,
      slowAfter,
      slowIntervalMs,
    );
  }

  /** A wrong password: from a client the owner never used, it counts towards the slowdown. */
  async failed(email: string, who: LoginClient): Promise<void> {
    if (who.known) return;
    const key = accountKeys(email).loginSlowdown;
    await this.redis.multi().hincrby(key, 'failures', 1).pexpire(key, SLOWDOWN_MEMORY_MS).exec();
  }

  /** A successful login: this client's count and any lock are gone. */
  async succeeded(email: string, who: LoginClient): Promise<void> {
    await this.redis.del(accountKeys(email).loginFailures(who.client));
  }
}
