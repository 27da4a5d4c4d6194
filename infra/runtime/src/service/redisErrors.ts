import type { RedisClient } from './connections.js';

/**
 * What Redis Cluster answers while a shard has no master or its slots move: a failover in
 * progress, an outage to wait out (503), never a bug (500).
 */
const CLUSTER_OUTAGE =
  /CLUSTERDOWN|TRYAGAIN|Cluster isn't ready|Too many Cluster redirections|Connection is closed|Failed to refresh slots cache|max retries per request|None of startup nodes is available/i;

/** Whether `error` means Redis cannot be reached right now (retry later) rather than a fault. */
export function redisUnavailable(redis: RedisClient, error: unknown): boolean {
  if (redis.status !== 'ready') return true;
  return error instanceof Error && CLUSTER_OUTAGE.test(error.message);
}
