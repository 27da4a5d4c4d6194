import bcrypt from 'bcrypt';

/**
 * bcrypt with a configurable cost. `verifyOrBurn` always spends one comparison, even for an
 * unknown email, so response time does not reveal whether an account exists.
 */
export class Passwords {
  #dummyHash: Promise<string> | undefined;

  constructor(readonly cost: number) {}

  hash(password: string): Promise<string> {
    return bcrypt.hash(password, this.cost);
  }

  async verifyOrBurn(password: string, hash: string | undefined): Promise<boolean> {
    if (hash) return bcrypt.compare(password, hash);
    this.#dummyHash ??= bcrypt.hash('not-a-password-of-anyone', this.cost);
    await bcrypt.compare(password, await this.#dummyHash);
    return false;
  }
}
