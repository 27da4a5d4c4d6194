import { FINAL_ORDER_STATUSES, type OrderStatus } from '@scalemart/contracts';
import type { ProductFact, StreamFacts } from './streamFacts.js';

/** What the write side (Redis) holds for one product after the run. */
export interface RedisProduct {
  available: number;
  buyers: Record<string, number>;
  outbox: string[];
}

export interface ReadOrder {
  _id: string;
  userId: string;
  productId: string;
  quantity: number;
  totalCents: number;
  status: OrderStatus;
}

export interface ReadProduct {
  _id: string;
  initialStock: number;
  restocked: number;
  available: number;
  pending: number;
  sold: number;
}

export interface InvariantInput {
  facts: StreamFacts;
  /** orderIds the clients saw a 202 for. */
  acceptedOrderIds: readonly string[];
  redis: Map<string, RedisProduct>;
  readOrders: readonly ReadOrder[];
  readProducts: readonly ReadProduct[];
  /** Set when the read models could not be read at all. */
  readModelError?: string | undefined;
}

export interface InvariantReport {
  invariants: {
    neverOversold: boolean;
    nothingLost: boolean;
    perUserLimitHeld: boolean;
    readModelsEqualReplay: boolean;
  };
  /** 202s missing from the stream, or there more than once: gone for good. */
  lost: number;
  /** 202s in the stream once but not (yet) settled or final in the read model (the read side lags). */
  unprojected: number;
  /** Units promised beyond what existed, over every product. */
  oversold: number;
  /** The first problems found, in words (empty when green). */
  problems: string[];
}

const total = (p: ProductFact) => p.initialStock + p.restocked;
const pendingUnits = (p: ProductFact) => p.placedUnits - p.confirmedUnits - p.rejectedUnits;
/** What should be on the shelf: all stock, minus every reservation, plus units given back. */
const expectedAvailable = (p: ProductFact) => total(p) - p.placedUnits + p.releasedUnits;

/** Checks the invariants of DESIGN.md against the stream, Redis and the read models. */
export function checkInvariants(input: InvariantInput): InvariantReport {
  const problems: string[] = [];
  // Every problem counts; only the first 30 are kept in words.
  let found = 0;
  const note = (problem: string) => {
    found += 1;
    if (problems.length < 30) problems.push(problem);
  };
  const { facts } = input;

  // Never oversold: the balance holds per product, in the stream and in Redis.
  let oversold = 0;
  for (const p of facts.products.values()) {
    const redis = input.redis.get(p.productId);
    const over = Math.max(0, p.confirmedUnits + pendingUnits(p) - total(p));
    oversold += over + Math.max(0, -(redis?.available ?? 0));
    if (over > 0) note(`${p.productId}: ${over} units promised beyond stock (${total(p)})`);
    if (!redis) note(`${p.productId}: no stock in Redis`);
    else {
      const unreleased = p.rejectedUnits - p.releasedUnits;
      const balance = redis.available + pendingUnits(p) + p.confirmedUnits + unreleased;
      if (balance !== total(p))
        note(
          `${p.productId}: initial+restocked ${total(p)} != available ${redis.available} + pending ${pendingUnits(p)} + confirmed ${p.confirmedUnits} + unreleased ${unreleased}`,
        );
    }
    for (const [orderId, count] of p.releases)
      if (count > 1) note(`${p.productId}: order ${orderId} released ${count} times`);
  }
  const neverOversold = oversold === 0 && found === 0;
  const afterOversold = found;

  // Nothing lost: each 202 is one OrderPlaced and one final order in the read model.
  if (input.readModelError) note(input.readModelError);
  const readOrders = new Map(input.readOrders.map((order) => [order._id, order]));
  let lost = 0;
  let unprojected = 0;
  for (const orderId of input.acceptedOrderIds) {
    const fact = facts.orders.get(orderId);
    const read = readOrders.get(orderId);
    const inStream = fact?.placed === 1;
    const ok =
      inStream &&
      fact.settled === 1 &&
      read !== undefined &&
      FINAL_ORDER_STATUSES.includes(read.status);
    if (!inStream) lost += 1;
    if (!ok) {
      unprojected += inStream ? 1 : 0;
      note(
        `order ${orderId}: placed ${fact?.placed ?? 0}x, settled ${fact?.settled ?? 0}x, read model ${read?.status ?? 'missing'}`,
      );
    }
  }
  if (new Set(input.acceptedOrderIds).size !== input.acceptedOrderIds.length)
    note('the same orderId was accepted twice');
  for (const order of facts.orders.values()) {
    if (order.placed !== 1 || order.settled !== 1)
      note(`stream order ${order.orderId}: placed ${order.placed}x, settled ${order.settled}x`);
  }
  const nothingLost = found === afterOversold && lost === 0;
  const afterLost = found;

  // Fair: nobody holds more than the sale's per-user limit, in the stream or in Redis.
  const held = new Map<string, number>();
  for (const order of facts.orders.values()) {
    if (order.status === 'rejected') continue;
    const key = `${order.productId}|${order.userId}`;
    held.set(key, (held.get(key) ?? 0) + order.quantity);
  }
  for (const [key, units] of held) {
    const limit = facts.products.get(key.split('|')[0]!)?.perUserLimit ?? Infinity;
    if (units > limit) note(`${key} holds ${units} > limit ${limit}`);
  }
  for (const [productId, redis] of input.redis) {
    const limit = facts.products.get(productId)?.perUserLimit ?? Infinity;
    for (const [user, units] of Object.entries(redis.buyers))
      if (units > limit) note(`Redis: ${productId}|${user} holds ${units} > ${limit}`);
  }
  const perUserLimitHeld = found === afterLost;
  const afterFair = found;

  if (input.readModelError) note(input.readModelError);
  compareReadModels(input, note);
  const readModelsEqualReplay = found === afterFair;

  return {
    invariants: { neverOversold, nothingLost, perUserLimitHeld, readModelsEqualReplay },
    lost,
    unprojected,
    oversold,
    problems,
  };
}

/** The read models must hold exactly what a replay of the stream gives. */
export function compareReadModels(input: InvariantInput, note: (problem: string) => void): void {
  const { facts } = input;
  if (input.readOrders.length !== facts.orders.size)
    note(`read model has ${input.readOrders.length} orders, the stream ${facts.orders.size}`);
  for (const read of input.readOrders) {
    const fact = facts.orders.get(read._id);
    const same =
      fact &&
      fact.status === read.status &&
      fact.userId === read.userId &&
      fact.productId === read.productId &&
      fact.quantity === read.quantity &&
      fact.totalCents === read.totalCents;
    if (!same)
      note(
        `order ${read._id}: read model ${JSON.stringify({ status: read.status, quantity: read.quantity, totalCents: read.totalCents })} != replay ${JSON.stringify(fact && { status: fact.status, quantity: fact.quantity, totalCents: fact.totalCents })}`,
      );
  }
  const readProducts = new Map(input.readProducts.map((product) => [product._id, product]));
  for (const p of facts.products.values()) {
    const read = readProducts.get(p.productId);
    const replay = {
      initialStock: p.initialStock,
      restocked: p.restocked,
      available: expectedAvailable(p),
      pending: pendingUnits(p),
      sold: p.confirmedUnits,
    };
    const actual = read && {
      initialStock: read.initialStock,
      restocked: read.restocked,
      available: read.available,
      pending: read.pending,
      sold: read.sold,
    };
    if (JSON.stringify(actual) !== JSON.stringify(replay))
      note(
        `product ${p.productId}: read model ${JSON.stringify(actual)} != replay ${JSON.stringify(replay)}`,
      );
  }
}
