import type { JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { apiOperations, type ShopNaming } from '@scalemart/contracts';
import {
  DomainError,
  methodNotAllowed,
  problemDetailsMiddleware,
  type AccessTokens,
} from '@scalemart/infra/service';
import type { StockStore } from '@scalemart/infra/stock';
import cors from 'cors';
import express, { type ErrorRequestHandler, type Express } from 'express';
import helmet from 'helmet';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { adminRoutes } from './admin/adminRoutes.js';
import { authRoutes } from './auth/authRoutes.js';
import type { Passwords } from './auth/passwords.js';
import type { UserStore } from './auth/userStore.js';
import type { CommandApiConfig } from './config.js';
import { healthRoutes } from './http/health.js';
import { createMetrics, type Metrics } from './http/metrics.js';
import { authLimiter, purchaseLimiter } from './http/rateLimits.js';
import { requestContext } from './http/requestContext.js';
import { placeOrderHandlers } from './orders/placeOrderRoute.js';
import { createPublisher, type PublishFn } from './orders/publisher.js';
import { SoldOutCache } from './orders/soldOutCache.js';

/** Everything the app needs, made by the caller (main, startCommandApi or a test): no globals. */
export interface CommandApiDeps {
  config: Pick<
    CommandApiConfig,
    'CORS_ORIGINS' | 'PURCHASE_RATE_LIMIT' | 'AUTH_RATE_LIMIT' | 'SOLD_OUT_CACHE_MS' | 'TRUST_PROXY'
  >;
  redis: Redis;
  store: StockStore;
  nc: NatsConnection;
  js: JetStreamClient;
  naming: ShopNaming;
  users: UserStore;
  passwords: Passwords;
  tokens: AccessTokens;
  logger: Logger;
  /** Test-only fault hook: replaces publishFromOutbox (e.g. to die between reserve and PubAck). */
  publish?: PublishFn;
}

export interface CommandApi {
  app: Express;
  metrics: Metrics;
  soldOut: SoldOutCache;
}

const trustProxy = (value: string) => (value === 'true' ? true : value === 'false' ? false : value);

/** Builds the Express app: accounts, purchases, admin commands, health and metrics. */
export function createApp(deps: CommandApiDeps): CommandApi {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxy(deps.config.TRUST_PROXY));
  app.set('etag', false); // answers to commands are never cached

  const metrics = createMetrics(deps.store);
  const soldOut = new SoldOutCache(deps.config.SOLD_OUT_CACHE_MS);
  const publish = createPublisher({
    outbox: { js: deps.js, naming: deps.naming, store: deps.store },
    metrics,
    logger: deps.logger,
    ...(deps.publish ? { publish: deps.publish } : {}),
  });
  const json = express.json({ limit: '16kb', strict: true });

  app.use(requestContext(metrics, deps.logger));
  app.use(helmet());
  app.use(cors({ origin: deps.config.CORS_ORIGINS, maxAge: 600 }));
  app.post(
    '/api/orders',
    ...placeOrderHandlers({
      tokens: deps.tokens,
      store: deps.store,
      soldOut,
      metrics,
      json,
      limiter: purchaseLimiter(deps.redis, deps.config.PURCHASE_RATE_LIMIT, deps.logger),
      publish,
    }),
  );
  app.use(healthRoutes({ redis: deps.redis, nc: deps.nc, metrics }));
  app.use(
    authRoutes({
      users: deps.users,
      passwords: deps.passwords,
      tokens: deps.tokens,
      limiter: authLimiter(deps.redis, deps.config.AUTH_RATE_LIMIT, deps.logger),
      json,
    }),
  );
  app.use(adminRoutes({ tokens: deps.tokens, store: deps.store, soldOut, json, publish }));
  app.use(methodNotAllowed(apiOperations));
  app.use((_req, _res, next) => next(new DomainError('not_found', 'No such route')));
  app.use(((error, _req, res, next) => {
    // The latency histogram labels refusals by their code rather than a bare status.
    if (error instanceof DomainError) res.locals.outcome ??= error.code;
    next(error);
  }) satisfies ErrorRequestHandler);
  app.use(problemDetailsMiddleware(deps.logger));
  return { app, metrics, soldOut };
}
