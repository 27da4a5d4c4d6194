import type { RedisClient } from '@scalemart/runtime/service';
import { accountKeys } from './accountStore.js';

/** How long an address or device stays known after the owner last signed in from it. */
const MEMORY_MS = 90 * 24 * 60 * 60 * 1000;
/** Enough for a person's devices and networks; past it the list starts again from this login. */
const MOST = 64;

export interface KnownClient {
  /** The device cookie's id is one the owner signed in with. */
  device: boolean;
  /** The address is one the owner signed in from. */
  address: boolean;
}

// Start again past MOST rather than keep an ever-growing list: the cost is one more login
// treated as from a stranger, never a lockout.
const REMEMBER = `
if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[1]) then redis.call('DEL', KEYS[1]) end
redis.call('HSET', KEYS[1], ARGV[3], ARGV[4])
if ARGV[5] ~= '' then redis.call('HSET', KEYS[1], ARGV[5], ARGV[4]) end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

type Scripts = { loginRemember(key: string, ...args: string[]): Promise<number> };

/**
 * The addresses and devices each account signed in from (issue 25), under the account's hash
 * tag in Redis: a login from one of them is the owner's as far as a stranger's failures go.
 */
export class KnownClients {
  readonly #scripts: Scripts;

  constructor(private readonly redis: RedisClient) {
    if (!('loginRemember' in redis)) {
      redis.defineCommand('loginRemember', { numberOfKeys: 1, lua: REMEMBER });
    }
    this.#scripts = redis as unknown as Scripts;
  }

  async check(email: string, address: string, device: string | undefined): Promise<KnownClient> {
    const fields = [`a:${address}`, ...(device ? [`d:${device}`] : [])];
    const [byAddress, byDevice] = await this.redis.hmget(
      accountKeys(email).knownClients,
      ...fields,
    );
    return { address: byAddress != null, device: byDevice != null };
  }

  async remember(email: string, address: string, device: string | undefined): Promise<void> {
    await this.#scripts.loginRemember(
      accountKeys(email).knownClients,
      String(MOST),
      String(MEMORY_MS),
      `a:${address}`,
      new Date().toISOString(),
      device ? `d:${device}` : '',
    );
  }
}
