import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import type { ShopEvent } from '@scalemart/contracts';
import { ensureStreams } from '@scalemart/runtime';
import { connectMongo, connectNats, createLogger, createRedis } from '@scalemart/runtime/service';
import { WriteModel } from '@scalemart/runtime/writeModel';
import { createTestNamespace, type TestNamespace } from '@scalemart/testkit';
import type { Db, MongoClient } from 'mongodb';
import type { RedisClient } from '@scalemart/runtime/service';
import { collectionOf } from '../projections/projection.js';
import type { ProcessorsConfig } from '../startProcessors.js';
export { mixedHistory } from '@scalemart/testkit';

/** A namespace with open connections; `close()` releases them. */
export interface Harness {
  ns: TestNamespace;
  nc: NatsConnection;
  js: JetStreamClient;
  db: Db;
  mongo: MongoClient;
  redis: RedisClient;
  store: WriteModel;
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
    ns,
    nc,
    js,
    db,
    mongo,
    redis,
    store: new WriteModel(redis),
    config: (overrides = {}) => ({
      natsUrl: ns.stack.urls.nats,
      redisUrl: ns.stack.urls.redis,
      redisKeyPrefix: ns.redisKeyPrefix,
      mongoUrl: ns.stack.urls.mongo,
      mongoDb: ns.mongoDbName,
      namespace: ns.id,
      port: null,
      payment: { latencyMs: 5, failureRate: 0.2 },
      outboxRelay: false,
      batchSize: 100,
      logger: createLogger('processors', 'silent'),
      ...overrides,
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
    await Promise.all(
      events.slice(i, i + 200).map((event) =>
        js.publish(ns.naming.subjectFor(event.type, event.aggregateId), JSON.stringify(event), {
          msgID: event.id,
        }),
      ),
    );
  }
}

/** Every read-model document, sorted, without bookkeeping fields: what query-api would serve. */
export async function readModels(db: Db, suffix = '') {
  const strip = (doc: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(doc).filter(([key]) => key === '_id' || !key.startsWith('_')),
    );
  const all = async (name: string) =>
    (await db.collection(name).find({}).sort({ _id: 1 }).toArray()).map(strip);
  return {
    products: await all(collectionOf('products', suffix)),
    orders: await all(collectionOf('orders', suffix)),
    sales: await all(collectionOf('sales', suffix)),
  };
}

/** True once every projection durable has nothing pending and nothing unacknowledged. */
export async function drained(
  nc: NatsConnection,
  ns: TestNamespace,
  durables: string[],
): Promise<boolean> {
  const jsm = await jetstreamManager(nc);
  for (const durable of durables) {
    const info = await jsm.consumers.info(ns.naming.stream, durable);
    if (info.num_pending > 0 || info.num_ack_pending > 0) return false;
  }
  return true;
}
