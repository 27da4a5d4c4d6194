import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { newEvent, type Role } from '@scalemart/contracts';
import {
  connectNats,
  createAccessTokens,
  createRedis,
  type AccessTokens,
} from '@scalemart/runtime/service';
import { publishFromOutbox, WriteModel, type StockSnapshot } from '@scalemart/runtime/writeModel';
import { createTestNamespace, type StackInfo, type TestNamespace } from '@scalemart/testkit';
import type { RedisClient } from '@scalemart/runtime/service';
import { Cluster } from 'ioredis';
import { ACCOUNT_KEY_PATTERN, AccountStore } from '../auth/accountStore.js';
import { loadConfig, type CommandApiConfig } from '../config.js';
import type { PublishFn } from '../orders/publisher.js';
import { startCommandApi, type RunningCommandApi } from '../startCommandApi.js';

/** Test-only: command-api instances on a fresh namespace, plus direct access to every store. */
export interface Harness {
  ns: TestNamespace;
  config: CommandApiConfig;
  apis: RunningCommandApi[];
  port: number;
  store: WriteModel;
  redis: RedisClient;
  nc: NatsConnection;
  jsm: JetStreamManager;
  /** The accounts, read straight from Redis. */
  accounts: AccountStore;
  /** How many accounts the namespace holds. */
  countAccounts(): Promise<number>;
  tokens: AccessTokens;
  token(sub: string, role?: Role): string;
  /** A product with `stock` units whose sale is open now (unless `open: false`). */
  seedProduct(options: {
    productId: string;
    stock: number;
    perUserLimit?: number;
    open?: boolean;
  }): Promise<void>;
  /** Messages in the namespace's stream, and OrderPlaced count per order subject. */
  stream(): Promise<{ messages: number; orderPlaced: Record<string, number> }>;
  /** Redis, stream and users at one moment: compare two to prove nothing changed. */
  everything(
    productIds: string[],
  ): Promise<{ snapshots: StockSnapshot[]; messages: number; users: number }>;
  close(): Promise<void>;
}

export async function startHarness(
  options: {
    instances?: number;
    env?: Record<string, string>;
    publish?: PublishFn;
    /** Servers of the test's own (e.g. to crash one); the run's shared stack otherwise. */
    stack?: StackInfo;
  } = {},
): Promise<Harness> {
  const ns = createTestNamespace(options.stack);
  const config = loadConfig({
    NODE_ENV: 'test',
    ...ns.env,
    PORT: '0',
    HOST: '127.0.0.1',
    BCRYPT_COST: '4',
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const apis: RunningCommandApi[] = [];
  for (let i = 0; i < (options.instances ?? 1); i += 1) {
    apis.push(await startCommandApi(config, options.publish ? { publish: options.publish } : {}));
  }
  const redis = createRedis(ns.stack.urls.redis, ns.redisKeyPrefix);
  const store = new WriteModel(redis);
  const nc = await connectNats(ns.stack.urls.nats, 'command-api-test');
  const jsm = await jetstreamManager(nc);
  const tokens = createAccessTokens({
    secret: config.JWT_SECRET,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    ttlSeconds: 3600,
  });
  const ctx = { correlationId: 'test', causationId: 'test' };
  // SCAN patterns do not get ioredis' keyPrefix, so the namespace's prefix is added here.
  const countAccounts = async () => {
    let count = 0;
    const pattern = `${ns.redisKeyPrefix}${ACCOUNT_KEY_PATTERN}`;
    // On Redis Cluster every master holds part of the keys.
    for (const node of redis instanceof Cluster ? redis.nodes('master') : [redis]) {
      for await (const keys of node.scanStream({ match: pattern, count: 1000 })) {
        count += (keys as string[]).length;
      }
    }
    return count;
  };
  const outbox = { js: apis[0]!.deps.js, naming: ns.naming, store };

  const harness: Harness = {
    ns,
    config,
    apis,
    port: apis[0]!.port,
    store,
    redis,
    nc,
    jsm,
    accounts: new AccountStore(redis),
    countAccounts,
    tokens,
    token: (sub, role = 'shopper') => tokens.sign({ sub, role }).token,
    async seedProduct({ productId, stock, perUserLimit = 1, open = true }) {
      const created = await store.createProduct(
        newEvent(
          'ProductCreated',
          1,
          {
            productId,
            name: productId,
            description: '',
            priceCents: 1000,
            currency: 'EUR',
            initialStock: stock,
            stockVersion: 0,
          },
          { ...ctx, aggregateId: productId },
        ),
      );
      if (created.status !== 'ok') throw new Error(`seed ${productId}: ${created.code}`);
      await publishFromOutbox(outbox, productId, created.eventJson);
      const startsAt = new Date(Date.now() + (open ? -60_000 : 3_600_000)).toISOString();
      const endsAt = new Date(Date.now() + 7_200_000).toISOString();
      const sale = await store.scheduleSale(
        newEvent(
          'SaleScheduled',
          1,
          { productId, startsAt, endsAt, perUserLimit, salePriceCents: 500 },
          { ...ctx, aggregateId: productId },
        ),
      );
      if (sale.status !== 'ok') throw new Error(`seed sale ${productId}: ${sale.code}`);
      await publishFromOutbox(outbox, productId, sale.eventJson);
    },
    async stream() {
      const placed = await jsm.streams.info(ns.naming.stream, {
        subjects_filter: ns.naming.filterFor('OrderPlaced'),
      });
      return { messages: placed.state.messages, orderPlaced: placed.state.subjects ?? {} };
    },
    async everything(productIds) {
      return {
        snapshots: await Promise.all(productIds.map((id) => store.snapshot(id))),
        messages: (await jsm.streams.info(ns.naming.stream)).state.messages,
        users: await countAccounts(),
      };
    },
    async close() {
      await Promise.all(apis.map((api) => api.close()));
      await nc.drain();
      await redis.quit();
    },
  };
  return harness;
}
