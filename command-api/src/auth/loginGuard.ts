import { DomainError } from '@scalemart/infra/service';
import type { Request, Response } from 'express';
import type { RedisClient } from '@scalemart/infra/service';
import type { CommandApiConfig } from '../config.js';
import { AccountLockout } from './accountLockout.js';
import { AddressFailures } from './addressFailures.js';

export type LoginLimits = Pick<
  CommandApiConfig,
  | 'LOGIN_FAILURES_PER_ACCOUNT'
  | 'LOGIN_LOCKOUT_SECONDS'
  | 'LOGIN_LOCKOUT_MAX_SECONDS'
  | 'LOGIN_FAILURES_PER_ADDRESS'
>;

/** Every limit of the auth routes: the login's and the sign-ups' per address. */
export type AuthLimits = LoginLimits & Pick<CommandApiConfig, 'SIGNUPS_PER_ADDRESS'>;

/** What the login route reports back once it knows whether the password was right. */
export interface LoginAttempt {
  failed(): Promise<void>;
  succeeded(): Promise<void>;
}

const tooMany = (ms: number, title: string) =>
  new DomainError('rate_limited', title, { retryAfterSeconds: Math.max(1, Math.ceil(ms / 1000)) });

/**
 * Brute-force protection for login (issue 19): failed attempts per account lock it with a
 * growing lockout; failed attempts per address have a ceiling a crowd behind one NAT does not
 * reach; successful logins count nowhere. Both counters live in Redis, so every instance agrees.
 * Fails closed: without Redis, login would be an unthrottled password-guessing oracle.
 */
export class LoginGuard {
  readonly #accounts: AccountLockout;
  readonly #addresses: AddressFailures;

  constructor(redis: RedisClient, limits: LoginLimits) {
    this.#accounts = new AccountLockout(redis, {
      failuresAllowed: limits.LOGIN_FAILURES_PER_ACCOUNT,
      lockoutMs: limits.LOGIN_LOCKOUT_SECONDS * 1000,
      maxLockoutMs: limits.LOGIN_LOCKOUT_MAX_SECONDS * 1000,
    });
    this.#addresses = new AddressFailures(redis, limits.LOGIN_FAILURES_PER_ADDRESS);
  }

  /** Refuses with 429 (and Retry-After) when the address or the account is over its limit. */
  async begin(req: Request, res: Response, email: string): Promise<LoginAttempt> {
    const addressWait = await unlessRedisFails(() => this.#addresses.blockedFor(req.ip, res));
    if (addressWait > 0) throw tooMany(addressWait, 'Too many failed logins from this address');
    const accountWait = await unlessRedisFails(() => this.#accounts.beginAttempt(email));
    if (accountWait > 0) {
      throw tooMany(accountWait, 'Too many failed logins for this account, try again later');
    }
    return {
      failed: () => unlessRedisFails(() => this.#addresses.failed(req.ip)),
      succeeded: () => unlessRedisFails(() => this.#accounts.succeeded(email)),
    };
  }
}

async function unlessRedisFails<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new DomainError('unavailable', 'Sign-in is unavailable right now', {
      retryAfterSeconds: 5,
      cause: error,
    });
  }
}
