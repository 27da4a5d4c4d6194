import calculateSlot from 'cluster-key-slot';
import { Cluster, type Redis } from 'ioredis';
import type { RedisClient } from '../service/connections.js';

/** How many replicas must hold a reservation before it is answered, and how long to wait. */
export interface ReplicaAckOptions {
  replicas: number;
  timeoutMs: number;
}

/**
 * WAIT <replicas> <timeout> shared by every caller on one connection. WAIT counts the writes this
 * connection sent before it, so a caller whose write was answered joins the next WAIT sent after
 * that answer: one WAIT in flight per connection covers every reservation made while it waited.
 * (A WAIT per reservation would block the connection once per purchase: WAIT is a blocking command.)
 */
class ReplicationBarrier {
  #inflight: Promise<number> | undefined;
  #next: Promise<number> | undefined;

  constructor(
    private readonly node: Redis,
    private readonly options: ReplicaAckOptions,
  ) {}

  wait(): Promise<number> {
    if (!this.#inflight) return this.#send();
    // The WAIT in flight may have been sent before this caller's write: join the following one.
    this.#next ??= this.#inflight
      .catch(() => 0)
      .then(() => {
        this.#next = undefined;
        return this.#send();
      });
    return this.#next;
  }

  #send(): Promise<number> {
    const sent = (
      this.node.call('WAIT', this.options.replicas, this.options.timeoutMs) as Promise<number>
    ).finally(() => {
      if (this.#inflight === sent) this.#inflight = undefined;
    });
    this.#inflight = sent;
    return sent;
  }
}

/**
 * Asks, after a write to one product's keys, whether enough replicas hold it. On Redis Cluster the
 * WAIT must go to the connection of the master that took the write: the one serving the key's slot.
 */
export class ReplicaAcks {
  // Weak: a failover replaces node connections, and the old ones go with their barriers.
  readonly #barriers = new WeakMap<Redis, ReplicationBarrier>();

  constructor(
    private readonly redis: RedisClient,
    readonly options: ReplicaAckOptions,
  ) {}

  /** True once `replicas` replicas acknowledged every write sent so far for `key`'s slot. */
  async confirm(key: string): Promise<boolean> {
    const node = this.#nodeOf(key);
    if (!node) return false;
    let barrier = this.#barriers.get(node);
    if (!barrier) {
      barrier = new ReplicationBarrier(node, this.options);
      this.#barriers.set(node, barrier);
    }
    return (await barrier.wait()) >= this.options.replicas;
  }

  #nodeOf(key: string): Redis | undefined {
    const redis = this.redis;
    if (!(redis instanceof Cluster)) return redis;
    const slot = calculateSlot(`${redis.options.keyPrefix ?? ''}${key}`);
    const master = redis.slots[slot]?.[0];
    return redis
      .nodes('master')
      .find((node) => `${node.options.host}:${node.options.port}` === master);
  }
}
