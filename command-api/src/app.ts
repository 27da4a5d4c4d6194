import type { JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { apiOperations, type ShopNaming } from '@scalemart/contracts';
import {
  DomainError,
  listExpressRoutes,
  methodNotAllowed,
  problemMiddleware,
  type AccessTokens,
  type RedisClient,
} from '@scalemart/runtime/service';
import type { DurabilityPoint, WriteModel } from '@scalemart/runtime/writeModel';
import cors from 'cors';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { RequestListener } from 'node:http';
import type { Logger } from 'pino';
import { adminRoutes } from './admin/adminRoutes.js';
import { authRoutes } from './auth/authRoutes.js';
import type { Passwords } from './auth/passwords.js';
import type { AccountStore } from './auth/accountStore.js';
import { LoginGuard, type AuthLimits } from './auth/loginGuard.js';
import type { CommandApiConfig } from './config.js';
import { fixedHeaders } from './http/fixedHeaders.js';
import { healthRoutes } from './http/health.js';
import { jsonBody } from './http/jsonBody.js';
import { createMetrics, type Metrics } from './http/metrics.js';
import { signupLimiter } from './http/rateLimits.js';
import { requestContext } from './http/requestContext.js';
import { requestListener } from './http/requestListener.js';
import { requestObserver } from './http/requestObserver.js';
import { PLACE_ORDER_ROUTE, placeOrderRoute } from './orders/placeOrderRoute.js';
import { createPublisher, type PublishFn } from './orders/publisher.js';
import { purchaseLimit } from './orders/purchaseLimit.js';
import { SoldOutCache } from './orders/soldOutCache.js';

/** Everything the app needs, made by the caller (main, startCommandApi or a test): no globals. */
export interface CommandApiDeps {
  config: Pick<
    CommandApiConfig,
    | 'CORS_ORIGINS'
    | 'PURCHASE_RATE_LIMIT'
    | 'SOLD_OUT_CACHE_MS'
    | 'TRUST_PROXY'
    | 'METRICS_TOKEN'
    | 'JWT_SECRET'
  > &
    AuthLimits;
  redis: RedisClient;
  store: WriteModel;
  nc: NatsConnection;
  js: JetStreamClient;
  naming: ShopNaming;
  accounts: AccountStore;
  passwords: Passwords;
  tokens: AccessTokens;
  logger: Logger;
  /** Where an accepted order is durable before its 202 (durabilityPointOf(redis) at start). */
  durability: DurabilityPoint;
  /** Test-only fault hook: replaces publishFromOutbox (e.g. to die between reserve and PubAck). */
  publish?: PublishFn;
}

export interface CommandApi {
  /** Every route but the purchase: accounts, admin commands, health and metrics. */
  app: Express;
  /** What the server listens with: the purchase route, and `app` for every other request. */
  listener: RequestListener;
  /** Every route the listener serves, as `METHOD /path/:param`, sorted. */
  routes(): string[];
  metrics: Metrics;
  soldOut: SoldOutCache;
  /** Resolves once every publish started so far has settled. */
  publishesSettled(): Promise<void>;
}

const trustProxy = (value: string) => (value === 'true' ? true : value === 'false' ? false : value);

/** Builds the app: purchases on their own route, accounts, admin commands, health and metrics. */
export function createApp(deps: CommandApiDeps): CommandApi {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxy(deps.config.TRUST_PROXY));
  app.set('etag', false); // answers to commands are never cached

  const metrics = createMetrics(deps.store);
  const observe = requestObserver(metrics, deps.logger);
  const soldOut = new SoldOutCache(deps.config.SOLD_OUT_CACHE_MS);
  const publisher = createPublisher({
    outbox: { js: deps.js, naming: deps.naming, store: deps.store },
    metrics,
    logger: deps.logger,
    ...(deps.publish ? { publish: deps.publish } : {}),
  });
  const json = jsonBody();
  const security = helmet();
  const corsPolicy = cors({ origin: deps.config.CORS_ORIGINS, maxAge: 600 });
  const { publish } = publisher;
  app.use(requestContext(observe));
  app.use(security);
  app.use(corsPolicy);
  app.use(
    healthRoutes({
      redis: deps.redis,
      nc: deps.nc,
      metrics,
      metricsToken: deps.config.METRICS_TOKEN,
    }),
  );
  app.use(
    authRoutes({
      accounts: deps.accounts,
      passwords: deps.passwords,
      tokens: deps.tokens,
      signupLimiter: signupLimiter(deps.redis, deps.config.SIGNUPS_PER_ADDRESS, deps.logger),
      loginGuard: new LoginGuard(deps.redis, deps.config, deps.config.JWT_SECRET),
      json,
    }),
  );
  app.use(adminRoutes({ tokens: deps.tokens, store: deps.store, soldOut, json, publish }));
  app.use(methodNotAllowed(apiOperations));
  app.use((_req, _res, next) => next(new DomainError('not_found', 'No such route')));
  app.use(problemMiddleware(deps.logger));

  const purchase = placeOrderRoute({
    store: deps.store,
    soldOut,
    metrics,
    publish,
    durability: deps.durability,
    tokens: deps.tokens,
    limit: purchaseLimit(deps.redis, deps.config.PURCHASE_RATE_LIMIT, deps.logger),
    headersFor: fixedHeaders(security, corsPolicy),
    observe,
    logger: deps.logger,
  });
  const purchaseRoute = `${PLACE_ORDER_ROUTE.method} ${PLACE_ORDER_ROUTE.path}`;
  return {
    app,
    listener: requestListener(app, PLACE_ORDER_ROUTE, purchase),
    routes: () => [...listExpressRoutes(app), purchaseRoute].sort(),
    metrics,
    soldOut,
    publishesSettled: () => publisher.settled(),
  };
}
