import bcrypt from 'bcrypt';
import { ConcurrencyLimit } from './concurrencyLimit.js';

/** How many hashes run at once and wait in line (per instance: bcrypt is this process' CPU). */
export interface BcryptLimits {
  running: number;
  waiting: number;
}

/**
 * bcrypt with a configurable cost. `verifyOrBurn` always spends one comparison, even for an
 * unknown email, so response time does not reveal whether an account exists. Every hash and
 * comparison goes through one concurrency limit: when it is full, 503 (issue 25).
 */
export class Passwords {
  #dummyHash: Promise<string> | undefined;
  readonly #limit: ConcurrencyLimit;

  constructor(
    readonly cost: number,
    limits: BcryptLimits = { running: 4, waiting: 64 },
  ) {
    this.#limit = new ConcurrencyLimit(limits.running, limits.waiting);
  }

  hash(password: string): Promise<string> {
    return this.#limit.run(() => bcrypt.hash(password, this.cost));
  }

  async verifyOrBurn(password: string, hash: string | undefined): Promise<boolean> {
    if (hash) return this.#limit.run(() => bcrypt.compare(password, hash));
    this.#dummyHash ??= bcrypt.hash('not-a-password-of-anyone', this.cost);
    const dummy = await this.#dummyHash;
    await this.#limit.run(() => bcrypt.compare(password, dummy));
    return false;
  }
}
