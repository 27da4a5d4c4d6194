import { Cluster, type Redis } from 'ioredis';
import type { RedisClient } from '../service/connections.js';

/**
 * Where an accepted order is on disk before its 202 is sent:
 * - `redis-aof`: every Redis master appends to its AOF with `appendfsync always`, which fsyncs a
 *   turn's writes before answering any of them, so the reservation script's outbox entry is the
 *   durable record; OrderPlaced is published afterwards, and the outbox relay publishes it if the
 *   publisher dies first.
 * - `stream`: Redis may lose its last writes on a crash, so the order is durable only once
 *   JetStream's PubAck (`sync_interval: always`) says so, and the 202 waits for it.
 */
export type DurabilityPoint = 'redis-aof' | 'stream';

/** Reads every master's AOF settings; anything unreadable (CONFIG refused) counts as not durable. */
export async function durabilityPointOf(redis: RedisClient): Promise<DurabilityPoint> {
  const masters: Redis[] = redis instanceof Cluster ? redis.nodes('master') : [redis];
  if (masters.length === 0) return 'stream';
  const durable = await Promise.all(masters.map((node) => fsyncsEveryWrite(node)));
  return durable.every(Boolean) ? 'redis-aof' : 'stream';
}

async function fsyncsEveryWrite(node: Redis): Promise<boolean> {
  try {
    const [, appendonly] = await node.config('GET', 'appendonly');
    const [, appendfsync] = await node.config('GET', 'appendfsync');
    return appendonly === 'yes' && appendfsync === 'always';
  } catch {
    return false;
  }
}
