import { randomBytes } from 'node:crypto';
import { shopNaming, type ShopNaming } from '@scalemart/contracts';
import { testStack, type StackInfo } from './stackInfo.js';

/** Everything one test file (or test) needs to stay apart from the others on a shared stack. */
export interface TestNamespace {
  /** Random lowercase id, e.g. `t3f9a1c2e`. */
  readonly id: string;
  /** NATS names: a stream of its own, subjects under `<id>.shop`. */
  readonly naming: ShopNaming;
  /** Prefix for every Redis key (hash tags stay intact after it). */
  readonly redisKeyPrefix: string;
  /** A MongoDB database of its own. */
  readonly mongoDbName: string;
  readonly stack: StackInfo;
  /**
   * The environment a ScaleMart service needs to run in this namespace: servers, names, and a
   * token secret minted for it (no secret from the repository signs a test's tokens).
   */
  readonly env: Readonly<Record<string, string>>;
}

/** A fresh namespace on the run's stack. */
export function createTestNamespace(stack: StackInfo = testStack()): TestNamespace {
  const id = `t${randomBytes(5).toString('hex')}`;
  const redisKeyPrefix = `${id}:`;
  const mongoDbName = `scalemart_${id}`;
  return {
    id,
    naming: shopNaming(id),
    redisKeyPrefix,
    mongoDbName,
    stack,
    env: {
      NATS_URL: stack.urls.nats,
      REDIS_URL: stack.urls.redis,
      MONGO_URL: stack.urls.mongo,
      MONGO_DB: mongoDbName,
      SCALEMART_NAMESPACE: id,
      REDIS_KEY_PREFIX: redisKeyPrefix,
      // 256 random bits, as the runtime's mintJwtSecret makes them (the testkit sits below it).
      JWT_SECRET: randomBytes(32).toString('base64url'),
    },
  };
}
