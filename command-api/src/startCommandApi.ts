import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { shopNaming, type ShopNaming } from '@scalemart/contracts';
import { ensureStreams } from '@scalemart/runtime';
import {
  connectNats,
  createAccessTokens,
  createLogger,
  createRedis,
} from '@scalemart/runtime/service';
import { durabilityPointOf, WriteModel } from '@scalemart/runtime/writeModel';
import type { RedisClient } from '@scalemart/runtime/service';
import type { Logger } from 'pino';
import { createApp, type CommandApi, type CommandApiDeps } from './app.js';
import { AccountStore } from './auth/accountStore.js';
import { ensureAdmin } from './auth/ensureAdmin.js';
import { Passwords } from './auth/passwords.js';
import type { CommandApiConfig } from './config.js';
import { watchStockChanges } from './orders/watchStockChanges.js';

export interface RunningCommandApi extends CommandApi {
  port: number;
  deps: CommandApiDeps;
  close(): Promise<void>;
}

/**
 * Connects to Redis and NATS, makes sure the stream and the first admin exist, and listens on config.PORT (0 = any free port). `close()` stops listening and closes every
 * connection it opened.
 */
export async function startCommandApi(
  config: CommandApiConfig,
  options: { logger?: Logger; publish?: CommandApiDeps['publish'] } = {},
): Promise<RunningCommandApi> {
  const logger = options.logger ?? createLogger('command-api', config.LOG_LEVEL);
  const naming = shopNaming(config.SCALEMART_NAMESPACE);
  const redis = createRedis(config.REDIS_URL, config.REDIS_KEY_PREFIX);
  const opened: { close(): Promise<unknown> }[] = [{ close: () => redis.quit() }];
  try {
    // Every accepted purchase publishes once: no stack trace built per publish just in case.
    const nc = await connectNats(config.NATS_URL, 'command-api', { noAsyncTraces: true });
    opened.push({ close: () => nc.drain() });
    return await listen(config, logger, { naming, redis, nc, opened, ...options });
  } catch (error) {
    // A failed start leaves nothing open behind it.
    await Promise.allSettled(opened.map((resource) => resource.close()));
    throw error;
  }
}

async function listen(
  config: CommandApiConfig,
  logger: Logger,
  ctx: {
    naming: ShopNaming;
    redis: RedisClient;
    nc: NatsConnection;
    opened: { close(): Promise<unknown> }[];
    publish?: CommandApiDeps['publish'];
  },
): Promise<RunningCommandApi> {
  const { naming, redis, nc, opened } = ctx;
  await ensureStreams(nc, naming);
  const accounts = new AccountStore(redis);
  const passwords = new Passwords(config.BCRYPT_COST, {
    running: config.BCRYPT_CONCURRENCY,
    waiting: config.BCRYPT_QUEUE,
  });
  if (config.ADMIN_EMAIL && config.ADMIN_PASSWORD) {
    const outcome = await ensureAdmin(
      { accounts, passwords, logger },
      { email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD },
    );
    logger.info({ email: config.ADMIN_EMAIL, outcome }, 'first admin');
  }
  const durability = await durabilityPointOf(redis);
  logger.info({ durability }, 'an accepted order is durable before its 202 in this store');
  const deps: CommandApiDeps = {
    config,
    redis,
    store: new WriteModel(redis, { waitReplicas: config.REDIS_WAIT_REPLICAS }),
    nc,
    js: jetstream(nc, { timeout: config.PUBLISH_TIMEOUT_MS }),
    naming,
    accounts,
    passwords,
    tokens: createAccessTokens({
      secret: config.JWT_SECRET,
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      ttlSeconds: config.JWT_TTL_SECONDS,
    }),
    logger,
    durability,
    ...(ctx.publish ? { publish: ctx.publish } : {}),
  };
  const api = createApp(deps);
  const subscription = watchStockChanges(nc, naming, api.soldOut);
  const server = createServer(api.listener).listen(config.PORT, config.HOST);
  await new Promise<void>((resolve, reject) =>
    server.once('listening', resolve).once('error', reject),
  );
  // Longer than a load balancer's idle timeout, so it never reuses a socket we just closed.
  server.keepAliveTimeout = 65_000;
  const port = (server.address() as AddressInfo).port;
  logger.info({ port }, 'command-api listening');

  return {
    ...api,
    port,
    deps,
    async close() {
      server.closeIdleConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      subscription.unsubscribe();
      // Orders answered before their PubAck: publish them now rather than leave them to the relay.
      await api.publishesSettled();
      await Promise.allSettled(opened.reverse().map((resource) => resource.close()));
    },
  };
}
