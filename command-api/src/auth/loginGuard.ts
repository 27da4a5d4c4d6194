import { DomainError } from '@scalemart/runtime/service';
import type { Request, Response } from 'express';
import type { RedisClient } from '@scalemart/runtime/service';
import type { CommandApiConfig } from '../config.js';
import { AccountLockout, type LoginClient } from './accountLockout.js';
import { addressKey } from './clientAddress.js';
import { DeviceCookies } from './deviceCookies.js';
import { KnownClients } from './knownClients.js';
import { WindowCeiling } from './windowCeiling.js';

export type LoginLimits = Pick<
  CommandApiConfig,
  | 'LOGIN_FAILURES_PER_ACCOUNT'
  | 'LOGIN_LOCKOUT_SECONDS'
  | 'LOGIN_LOCKOUT_MAX_SECONDS'
  | 'LOGIN_SLOWDOWN_AFTER'
  | 'LOGIN_SLOWDOWN_SECONDS'
  | 'LOGIN_FAILURES_PER_ADDRESS'
  | 'LOGIN_SUCCESSES_PER_ACCOUNT'
  | 'LOGIN_SUCCESSES_PER_ADDRESS'
>;

/** Every limit of the auth routes: the login's and the sign-ups' per address. */
export type AuthLimits = LoginLimits & Pick<CommandApiConfig, 'SIGNUPS_PER_ADDRESS'>;

/** The window of the per-address and per-account ceilings. */
export const LOGIN_WINDOW_MS = 15 * 60_000;

/** What the login route reports back once it knows whether the password was right. */
export interface LoginAttempt {
  failed(): Promise<void>;
  succeeded(): Promise<void>;
}

const tooMany = (ms: number, title: string) =>
  new DomainError('rate_limited', title, { retryAfterSeconds: Math.max(1, Math.ceil(ms / 1000)) });

/**
 * Brute-force protection for login (issues 19 and 25; README, security). Before the password is
 * checked: the address' failures (a sprayer), the account's and the address' successes (a
 * flood), and the account's lockout for this client (a guesser). A device cookie the account
 * knows skips the address' failure ceiling, and a device or address the owner signed in from is
 * never slowed by strangers' failures. Every count lives in Redis, so every instance agrees.
 * Fails closed: without Redis, login would be an unthrottled password-guessing oracle.
 */
export class LoginGuard {
  readonly #lockout: AccountLockout;
  readonly #known: KnownClients;
  readonly #devices: DeviceCookies;
  readonly #addressFailures: WindowCeiling;
  readonly #addressSuccesses: WindowCeiling;
  readonly #accountSuccesses: WindowCeiling;

  constructor(redis: RedisClient, limits: LoginLimits, secret: string) {
    this.#lockout = new AccountLockout(redis, {
      failuresAllowed: limits.LOGIN_FAILURES_PER_ACCOUNT,
      lockoutMs: limits.LOGIN_LOCKOUT_SECONDS * 1000,
      maxLockoutMs: limits.LOGIN_LOCKOUT_MAX_SECONDS * 1000,
      slowAfter: limits.LOGIN_SLOWDOWN_AFTER,
      slowIntervalMs: limits.LOGIN_SLOWDOWN_SECONDS * 1000,
    });
    this.#known = new KnownClients(redis);
    this.#devices = new DeviceCookies(secret);
    const ceiling = (prefix: string, limit: number, headers = false) =>
      new WindowCeiling(redis, { prefix, ceiling: limit, windowMs: LOGIN_WINDOW_MS, headers });
    this.#addressFailures = ceiling('rl:loginfail:', limits.LOGIN_FAILURES_PER_ADDRESS, true);
    this.#addressSuccesses = ceiling('rl:loginok:addr:', limits.LOGIN_SUCCESSES_PER_ADDRESS);
    this.#accountSuccesses = ceiling('rl:loginok:acct:', limits.LOGIN_SUCCESSES_PER_ACCOUNT);
  }

  /** Refuses with 429 (and Retry-After) when a limit is reached; else the attempt to report on. */
  async begin(req: Request, res: Response, email: string): Promise<LoginAttempt> {
    const address = addressKey(req.ip);
    const device = this.#devices.read(req);
    const known = await unlessRedisFails(() => this.#known.check(email, address, device));
    const who: LoginClient = known.device
      ? { client: `d:${device}`, known: true }
      : { client: `a:${address}`, known: known.address };
    await unlessRedisFails(() => this.#ceilings(res, address, email, known.device));
    const wait = await unlessRedisFails(() => this.#lockout.beginAttempt(email, who));
    if (wait > 0) throw tooMany(wait, 'Too many failed logins for this account, try again later');
    return {
      failed: () =>
        unlessRedisFails(async () => {
          await this.#addressFailures.add(address);
          await this.#lockout.failed(email, who);
        }),
      succeeded: () =>
        unlessRedisFails(async () => {
          await this.#lockout.succeeded(email, who);
          await this.#addressSuccesses.add(address);
          await this.#accountSuccesses.add(email);
          const id = this.#devices.issue(req, res, device);
          await this.#known.remember(email, address, id);
        }),
    };
  }

  async #ceilings(res: Response, address: string, email: string, knownDevice: boolean) {
    // The owner's device gets in even from an address a sprayer shares (a NAT, a campus).
    if (!knownDevice) {
      const wait = await this.#addressFailures.blockedFor(address, res);
      if (wait > 0) throw tooMany(wait, 'Too many failed logins from this address');
    }
    const [fromAddress, forAccount] = await Promise.all([
      this.#addressSuccesses.blockedFor(address, res),
      this.#accountSuccesses.blockedFor(email, res),
    ]);
    if (forAccount > 0) throw tooMany(forAccount, 'Too many logins for this account');
    if (fromAddress > 0) throw tooMany(fromAddress, 'Too many logins from this address');
  }
}

async function unlessRedisFails<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError('unavailable', 'Sign-in is unavailable right now', {
      retryAfterSeconds: 5,
      cause: error,
    });
  }
}
