import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { newEvent, type ShopEvent } from '@scalemart/contracts';
import { ensureStreams } from '@scalemart/infra';
import { connectMongo, connectNats, createRedis } from '@scalemart/infra/service';
import { StockStore } from '@scalemart/infra/stock';
import { createTestNamespace, type TestNamespace } from '@scalemart/infra/testkit';
import type { Db, MongoClient } from 'mongodb';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { collectionNames, type CollectionNames } from '../projections/projection.js';
import type { ProcessorsConfig } from '../startProcessors.js';

/** A namespace with open connections; `close()` releases them. */
export interface Harness {
  ns: TestNamespace;
  nc: NatsConnection;
  js: JetStreamClient;
  db: Db;
  mongo: MongoClient;
  redis: Redis;
  store: StockStore;
  config(overrides?: Partial<ProcessorsConfig>): ProcessorsConfig;
  publish(events: ShopEvent[]): Promise<void>;
  close(): Promise<void>;
}

export async function harness(): Promise<Harness> {
  const ns = createTestNamespace();
  const nc = await connectNats(ns.stack.urls.nats, 'processors-test');
  await ensureStreams(nc, ns.naming);
  const js = jetstream(nc);
  const { client: mongo, db } = await connectMongo(ns.stack.urls.mongo, ns.mongoDbName);
  const redis = createRedis(ns.stack.urls.redis, ns.redisKeyPrefix);
  return {
    ns, nc, js, db, mongo, redis, store: new StockStore(redis),
    config: (overrides = {}) => ({
      natsUrl: ns.stack.urls.nats, redisUrl: ns.stack.urls.redis, redisKeyPrefix: ns.redisKeyPrefix,
      mongoUrl: ns.stack.urls.mongo, mongoDb: ns.mongoDbName, namespace: ns.id, port: null,
      payment: { latencyMs: 5, failureRate: 0.2 }, outboxRelay: false, batchSize: 100,
      logger: undefined, ...overrides,
    }),
    async publish(events) {
      await publishEvents(js, ns, events);
    },
    async close() {
      await nc.drain();
      await db.dropDatabase().catch(() => undefined);
      await mongo.close();
      redis.disconnect();
    },
  };
}

export async function publishEvents(js: JetStreamClient, ns: TestNamespace, events: ShopEvent[]) {
  for (let i = 0; i < events.length; i += 200) {
    await Promise.all(events.slice(i, i + 200).map((event) =>
      js.publish(ns.naming.subjectFor(event.type, event.aggregateId), JSON.stringify(event), { msgID: event.id })));
  }
}

/** Every read-model document, sorted, without bookkeeping fields: what query-api would serve. */
export async function readModels(db: Db, names: CollectionNames = collectionNames()) {
  const strip = (doc: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(doc).filter(([key]) => key === '_id' || !key.startsWith('_')));
  const all = async (name: string) =>
    (await db.collection(name).find({}).sort({ _id: 1 }).toArray()).map(strip);
  return { products: await all(names.products), orders: await all(names.orders), sales: await all(names.sales) };
}

const ctx = (aggregateId: string, at: Date) => ({ aggregateId, correlationId: 'test', causationId: 'test', occurredAt: at });

/**
 * A consistent history of `products` products and `orders` orders (each confirmed or rejected, a
 * rejection releasing its unit), with restocks: the stock versions count up as Redis would.
 */
export function mixedHistory(options: { products: number; orders: number; start?: Date }): ShopEvent[] {
  const start = options.start?.getTime() ?? Date.parse('2026-01-01T10:00:00Z');
  const at = (i: number) => new Date(start + i * 250);
  let tick = 0;
  const events: ShopEvent[] = [];
  const stock = new Map<string, { available: number; version: number }>();
  for (let p = 0; p < options.products; p += 1) {
    const productId = `p${p}`;
    const initialStock = Math.ceil(options.orders / options.products) + 5;
    stock.set(productId, { available: initialStock, version: 1 });
    events.push(newEvent('ProductCreated', 1, { productId, name: `Product ${p}`, description: 'd', priceCents: 1_000 + p, currency: 'EUR', initialStock, stockVersion: 1 }, ctx(productId, at(tick++))));
    events.push(newEvent('SaleScheduled', 1, { productId, startsAt: at(0).toISOString(), endsAt: new Date(start + 3_600_000).toISOString(), perUserLimit: 5, salePriceCents: 900 + p }, ctx(productId, at(tick++))));
  }
  for (let o = 0; o < options.orders; o += 1) {
    const productId = `p${o % options.products}`;
    const s = stock.get(productId)!;
    const orderId = randomUUID();
    const userId = `u${o % 37}`;
    const quantity = 1 + (o % 2);
    if (s.available < quantity) {
      s.available += 10;
      s.version += 1;
      events.push(newEvent('StockReplenished', 1, { productId, quantity: 10, available: s.available, stockVersion: s.version }, ctx(productId, at(tick++))));
    }
    s.available -= quantity;
    s.version += 1;
    const line = { orderId, userId, productId, quantity };
    events.push(newEvent('OrderPlaced', 2, { ...line, unitPriceCents: 900, totalCents: 900 * quantity, currency: 'EUR', stockVersion: s.version, availableAfter: s.available }, { ...ctx(orderId, at(tick++)), id: orderId }));
    if (o % 5 === 0) {
      s.available += quantity;
      s.version += 1;
      events.push(newEvent('StockReleased', 1, { ...line, available: s.available, stockVersion: s.version }, ctx(productId, at(tick++))));
      events.push(newEvent('OrderRejected', 1, { ...line, reason: 'payment_declined' }, ctx(orderId, at(tick++))));
    } else {
      events.push(newEvent('OrderConfirmed', 1, { ...line, totalCents: 900 * quantity, paymentId: `pay${o}` }, ctx(orderId, at(tick++))));
    }
  }
  return events;
}
