import type { RedisClient } from '@scalemart/runtime/service';
import { Cluster } from 'ioredis';
import { RedisStore, type RedisReply, type SendCommandClusterDetails } from 'rate-limit-redis';

/**
 * On Redis Cluster the store's script must be on the master that runs it: SCRIPT LOAD (no key, so
 * ioredis would pick any node) goes to every master; EVALSHA is routed by its key. A master
 * promoted by a failover has no scripts: the store's NOSCRIPT retry loads them everywhere again.
 */
const sendToCluster =
  (cluster: Cluster) =>
  async ({ command: [name, ...args] }: SendCommandClusterDetails): Promise<RedisReply> => {
    const masters = cluster.nodes('master');
    // Before the slots are known there is no master to ask: the cluster queues the command until
    // it is ready, and a master that lacks the script later answers NOSCRIPT, which loads it again.
    if (name?.toUpperCase() !== 'SCRIPT' || masters.length === 0) {
      return cluster.call(name!, ...args) as Promise<RedisReply>;
    }
    const replies = await Promise.all(
      masters.map((node) => node.call(name, ...args) as Promise<RedisReply>),
    );
    return replies[0]!;
  };

/** rate-limit-redis's store on our connection, counting hits under `prefix` in Redis. */
export const redisStore = (redis: RedisClient, prefix: string) =>
  redis instanceof Cluster
    ? new RedisStore({ sendCommandCluster: sendToCluster(redis), prefix })
    : new RedisStore({
        // Through ioredis, so the deployment's keyPrefix applies and the connection is shared.
        sendCommand: (command: string, ...args: string[]) =>
          redis.call(command, ...args) as Promise<RedisReply>,
        prefix,
      });

/** Counts in fixed windows through rate-limit-redis's store, outside express-rate-limit. */
export interface WindowStore {
  get(key: string): ReturnType<RedisStore['get']>;
  increment(key: string): ReturnType<RedisStore['increment']>;
}

/**
 * The store for counting without express-rate-limit's middleware (which calls `init` itself),
 * in windows of `windowMs`. Since rate-limit-redis 6, `init` loads the store's scripts (SCRIPT
 * LOAD), and a load that failed stays failed: every later count answers its error, and only a
 * NOSCRIPT reply loads the scripts again. So they load on first use, and again on the next use
 * after a failed load (Redis down), whose caller gets the error as from any other command.
 */
export function windowStore(redis: RedisClient, prefix: string, windowMs: number): WindowStore {
  const store = redisStore(redis, prefix);
  let loading: Promise<void> | undefined;
  const loaded = () =>
    (loading ??= store
      .init({ windowMs } as Parameters<RedisStore['init']>[0])
      .catch((error: unknown) => {
        loading = undefined;
        throw error;
      }));
  return {
    async get(key) {
      await loaded();
      return store.get(key);
    },
    async increment(key) {
      await loaded();
      return store.increment(key);
    },
  };
}
