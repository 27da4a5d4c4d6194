import { randomUUID } from 'node:crypto';
import type { PublicUser, Role } from '@scalemart/contracts';
import { DomainError } from '@scalemart/runtime/service';
import type { RedisClient } from '@scalemart/runtime/service';

/** A stored account. `id` is the user id the tokens carry as subject. */
export interface Account {
  id: string;
  /** Lower-cased (the contracts' Email does it); the account's key is made from it. */
  email: string;
  name?: string;
  role: Role;
  passwordHash: string;
  createdAt: Date;
}

/**
 * Redis keys of one account. Everything kept per account carries the hash tag `{a:<email>}`, so
 * a script may touch several of them on Redis Cluster. Emails cannot contain braces (the
 * contracts' email rule), so the tag cannot be cut short. The deployment's key prefix goes in front.
 */
export const accountKeys = (email: string) => {
  const tag = `{a:${email}}`;
  return {
    /** hash: id, email, name, role, passwordHash, createdAt (ISO) */
    account: `account:${tag}`,
    /**
     * hash: failed login attempts from one client (an address, or a device cookie) and the
     * lockout they earned (see accountLockout.ts)
     */
    loginFailures: (client: string) => `loginfail:${tag}:${client}`,
    /** hash: failed logins from clients the owner never used, account-wide, and the slowdown */
    loginSlowdown: `loginslow:${tag}`,
    /** hash: the addresses and devices the owner signed in from (see knownClients.ts) */
    knownClients: `loginknown:${tag}`,
  };
};

/** Pattern matching every account key (after the deployment's prefix), for scans. */
export const ACCOUNT_KEY_PATTERN = 'account:{a:*}';

// Check and write in one script: two sign-ups with one email can never both create an account,
// and a crash can never leave half an account behind.
const CREATE_ACCOUNT = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV))
return 1`;

const SET_ROLE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'role', ARGV[1])
return 1`;

type Scripts = {
  accountCreate(key: string, ...fields: string[]): Promise<number>;
  accountSetRole(key: string, role: Role): Promise<number>;
};

/**
 * Accounts in Redis, beside the stock: with AOF `appendfsync always` an acknowledged sign-up
 * survives `kill -9` (the MongoDB stand-in commits about once a second; see DESIGN.md).
 */
export class AccountStore {
  readonly #scripts: Scripts;

  constructor(readonly redis: RedisClient) {
    if (!('accountCreate' in redis)) {
      redis.defineCommand('accountCreate', { numberOfKeys: 1, lua: CREATE_ACCOUNT });
      redis.defineCommand('accountSetRole', { numberOfKeys: 1, lua: SET_ROLE });
    }
    this.#scripts = redis as unknown as Scripts;
  }

  /** Stores an account; throws email_taken when the (lower-cased) email is already used. */
  async create(input: Omit<Account, 'id' | 'createdAt'>): Promise<Account> {
    const account: Account = { id: randomUUID(), createdAt: new Date(), ...input };
    const fields = [
      ['id', account.id],
      ['email', account.email],
      ['role', account.role],
      ['passwordHash', account.passwordHash],
      ['createdAt', account.createdAt.toISOString()],
      ...(account.name ? [['name', account.name]] : []),
    ].flat();
    const created = await this.#scripts.accountCreate(
      accountKeys(account.email).account,
      ...fields,
    );
    if (created !== 1) {
      throw new DomainError('email_taken', 'An account with this email already exists');
    }
    return account;
  }

  /** The account of a (validated, lower-cased) email, or null. */
  async findByEmail(email: string): Promise<Account | null> {
    const stored = await this.redis.hgetall(accountKeys(email).account);
    if (!stored.id) return null;
    return {
      id: stored.id,
      email: stored.email!,
      role: stored.role as Role,
      passwordHash: stored.passwordHash!,
      createdAt: new Date(stored.createdAt!),
      ...(stored.name ? { name: stored.name } : {}),
    };
  }

  /** Changes the role of an existing account; false when there is none with that email. */
  async setRole(email: string, role: Role): Promise<boolean> {
    return (await this.#scripts.accountSetRole(accountKeys(email).account, role)) === 1;
  }
}

export const toPublicUser = (account: Account): PublicUser => ({
  id: account.id,
  email: account.email,
  role: account.role,
  ...(account.name ? { name: account.name } : {}),
});
