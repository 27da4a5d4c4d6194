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
}

/** A fresh namespace on the run's stack. */
export function createTestNamespace(stack: StackInfo = testStack()): TestNamespace {
  const id = `t${randomBytes(5).toString('hex')}`;
  return {
    id,
    naming: shopNaming(id),
    redisKeyPrefix: `${id}:`,
    mongoDbName: `scalemart_${id}`,
    stack,
  };
}
