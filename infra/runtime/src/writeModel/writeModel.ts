import type {
  OrderPlaced,
  ProductCreated,
  SaleEnded,
  SaleScheduled,
  StockReleased,
  StockReplenished,
} from '@scalemart/contracts';
import { Cluster } from 'ioredis';
import type { RedisClient } from '../service/connections.js';
import { DomainError } from '../service/domainError.js';
import { PRODUCTS_KEY, stockKeys } from './keys.js';
import { ReplicaAcks } from './replicaAcks.js';
import * as lua from './scripts.js';

export type ReserveRefusal = 'unknown_product' | 'sale_not_open' | 'sold_out' | 'limit_reached';

/** What a reservation came to. `eventJson` is the OrderPlaced to publish (already in the outbox). */
export type ReserveResult =
  | { status: 'reserved'; orderId: string; eventJson: string }
  | { status: 'replayed'; orderId: string }
  | { status: 'refused'; code: ReserveRefusal };

/** What an admin command came to. `eventJson` is its event, already in the outbox. */
export type AdminResult =
  | { status: 'ok'; eventJson: string }
  | { status: 'refused'; code: 'unknown_product' | 'product_exists' | 'sale_not_open' };

/** The write side's view of one product, for checks and tests. */
export interface StockSnapshot {
  available: number;
  stockVersion: number;
  buyers: Record<string, number>;
  outbox: string[];
}

const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

const SCRIPTS = {
  smReserve: [7, lua.RESERVE],
  smRelease: [6, lua.RELEASE],
  smCreateProduct: [5, lua.CREATE_PRODUCT],
  smScheduleSale: [3, lua.SCHEDULE_SALE],
  smEndSale: [3, lua.END_SALE],
  smRestock: [5, lua.RESTOCK],
  smClearOutbox: [2, lua.CLEAR_OUTBOX],
  smUndoReserve: [5, lua.UNDO_RESERVE],
} as const;

type Reply = [string, string?];
type Scripts = Record<
  Exclude<keyof typeof SCRIPTS, 'smUndoReserve'>,
  (...args: (string | number)[]) => Promise<Reply>
> & { smUndoReserve: (...args: (string | number)[]) => Promise<number> };

/** How long a reservation waits for its replica before failing closed. */
export const DEFAULT_REPLICA_WAIT_MS = 1_000;

export interface WriteModelOptions {
  /**
   * Replicas that must acknowledge a reservation (Redis WAIT) before it is answered: 1 on Redis
   * Cluster, 0 on a single Redis (which has none) unless given. A reservation without them is
   * taken back and refused with 503, so a failover cannot resurrect units it sold.
   */
  waitReplicas?: number;
  waitTimeoutMs?: number;
}

const unavailable = (cause?: unknown) =>
  new DomainError('unavailable', 'Purchases are unavailable right now', {
    retryAfterSeconds: 1,
    cause,
  });

const adminResult = ([status, value]: Reply): AdminResult =>
  status === 'ok'
    ? { status: 'ok', eventJson: value! }
    : { status: 'refused', code: status as Extract<AdminResult, { status: 'refused' }>['code'] };

/**
 * The write side's state in Redis, behind typed calls. Each call is one Lua script (loaded once
 * by ioredis, run with EVALSHA) touching one product's hash-tagged keys.
 */
export class WriteModel {
  readonly #scripts: Scripts;
  readonly #replicaAcks: ReplicaAcks | undefined;

  constructor(
    readonly redis: RedisClient,
    options: WriteModelOptions = {},
  ) {
    for (const [name, [numberOfKeys, source]] of Object.entries(SCRIPTS)) {
      if (!(name in redis)) redis.defineCommand(name, { numberOfKeys, lua: source });
    }
    this.#scripts = redis as unknown as Scripts;
    const replicas = options.waitReplicas ?? (redis instanceof Cluster ? 1 : 0);
    this.#replicaAcks =
      replicas > 0
        ? new ReplicaAcks(redis, {
            replicas,
            timeoutMs: options.waitTimeoutMs ?? DEFAULT_REPLICA_WAIT_MS,
          })
        : undefined;
  }

  /** Reserves units for one buyer, or says why not. The template's id is the orderId. */
  async reserve(template: OrderPlaced, idempotencyKey?: string): Promise<ReserveResult> {
    const { productId, userId, quantity } = template.data;
    const k = stockKeys(productId);
    const idempotencyRecord = `${k.idempotency}${userId}:${idempotencyKey ?? '-'}`;
    const [status, value] = await this.#scripts.smReserve(
      k.product,
      k.stock,
      k.version,
      k.buyers,
      k.outbox,
      k.outboxAt,
      idempotencyRecord,
      userId,
      quantity,
      JSON.stringify(template),
      idempotencyKey ? '1' : '0',
      IDEMPOTENCY_TTL_SECONDS,
    );
    if (status === 'ok') {
      await this.#replicated(template, idempotencyRecord);
      return { status: 'reserved', orderId: template.id, eventJson: value! };
    }
    if (status === 'replay' && value!.startsWith('ok:')) {
      return { status: 'replayed', orderId: value!.slice(3) };
    }
    return { status: 'refused', code: (status === 'replay' ? value : status) as ReserveRefusal };
  }

  /**
   * Waits until the replicas hold the reservation; otherwise takes it back and throws 503. Redis
   * replicates asynchronously: a master lost right after answering could be replaced by a replica
   * that never saw the decrement, and the unit would be sold twice.
   */
  async #replicated(template: OrderPlaced, idempotencyRecord: string): Promise<void> {
    if (!this.#replicaAcks) return;
    const { productId, userId, quantity } = template.data;
    const k = stockKeys(productId);
    const acknowledged = await this.#replicaAcks.confirm(k.stock).catch(() => false);
    if (acknowledged) return;
    const undo = () =>
      this.#scripts.smUndoReserve(
        k.stock,
        k.buyers,
        k.outbox,
        k.outboxAt,
        idempotencyRecord,
        template.id,
        userId,
        quantity,
      );
    // 1: taken back. 0: the outbox relay had already published the order, so it stands and is
    // answered as reserved. Unreachable: the outbox entry, where it survives, is published by the
    // relay and the order stands. On 1 and unreachable the buyer hears 503 and retries with the
    // same key.
    const undone = await undo().catch((error: unknown) => error);
    if (undone !== 0) throw unavailable(undone instanceof Error ? undone : undefined);
  }

  /** Returns a rejected order's units, at most once per order; `already` when done before. */
  async release(
    template: StockReleased,
  ): Promise<{ status: 'released'; eventJson: string } | { status: 'already' }> {
    const { productId, orderId, userId, quantity } = template.data;
    const k = stockKeys(productId);
    const [status, value] = await this.#scripts.smRelease(
      k.stock,
      k.version,
      k.buyers,
      k.released,
      k.outbox,
      k.outboxAt,
      orderId,
      userId,
      quantity,
      JSON.stringify(template),
    );
    return status === 'ok' ? { status: 'released', eventJson: value! } : { status: 'already' };
  }

  async createProduct(template: ProductCreated): Promise<AdminResult> {
    const k = stockKeys(template.data.productId);
    // Registered first so the outbox relay always knows where to look.
    await this.redis.sadd(PRODUCTS_KEY, template.data.productId);
    return adminResult(
      await this.#scripts.smCreateProduct(
        k.product,
        k.stock,
        k.version,
        k.outbox,
        k.outboxAt,
        JSON.stringify(template),
      ),
    );
  }

  async scheduleSale(template: SaleScheduled): Promise<AdminResult> {
    const k = stockKeys(template.data.productId);
    return adminResult(
      await this.#scripts.smScheduleSale(
        k.product,
        k.outbox,
        k.outboxAt,
        JSON.stringify(template),
        Date.parse(template.data.startsAt),
        Date.parse(template.data.endsAt),
      ),
    );
  }

  async endSale(template: SaleEnded): Promise<AdminResult> {
    const k = stockKeys(template.data.productId);
    return adminResult(
      await this.#scripts.smEndSale(k.product, k.outbox, k.outboxAt, JSON.stringify(template)),
    );
  }

  async restock(template: StockReplenished): Promise<AdminResult> {
    const k = stockKeys(template.data.productId);
    return adminResult(
      await this.#scripts.smRestock(
        k.product,
        k.stock,
        k.version,
        k.outbox,
        k.outboxAt,
        JSON.stringify(template),
      ),
    );
  }

  /** Drops an event from the outbox once JetStream has acknowledged it. */
  async clearOutbox(productId: string, eventId: string): Promise<void> {
    const k = stockKeys(productId);
    await this.#scripts.smClearOutbox(k.outbox, k.outboxAt, eventId);
  }

  /** Every product id ever created. */
  productIds(): Promise<string[]> {
    return this.redis.smembers(PRODUCTS_KEY);
  }

  /** Outbox entries of one product that entered it before `beforeMs`, oldest first. */
  async outboxEntriesBefore(
    productId: string,
    beforeMs: number,
  ): Promise<{ id: string; json: string }[]> {
    const k = stockKeys(productId);
    const ids = await this.redis.zrangebyscore(k.outboxAt, 0, beforeMs);
    if (ids.length === 0) return [];
    const jsons = await this.redis.hmget(k.outbox, ...ids);
    return ids.flatMap((id, i) => (jsons[i] ? [{ id, json: jsons[i] }] : []));
  }

  async snapshot(productId: string): Promise<StockSnapshot> {
    const k = stockKeys(productId);
    const [available, version, buyers, outbox] = await Promise.all([
      this.redis.get(k.stock),
      this.redis.get(k.version),
      this.redis.hgetall(k.buyers),
      this.redis.hkeys(k.outbox),
    ]);
    return {
      available: Number(available ?? 0),
      stockVersion: Number(version ?? 0),
      buyers: Object.fromEntries(
        Object.entries(buyers).map(([user, units]) => [user, Number(units)]),
      ),
      outbox,
    };
  }
}
