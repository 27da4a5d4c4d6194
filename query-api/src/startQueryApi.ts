import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { shopNaming } from '@scalemart/contracts';
import {
  acceptHandedSockets,
  connectMongo,
  connectNats,
  createAccessTokens,
  createLogger,
} from '@scalemart/runtime/service';
import type { Server } from 'socket.io';
import { createApp } from './app.js';
import type { QueryApiConfig } from './config.js';
import { createMetrics } from './http/metrics.js';
import { readiness } from './http/readiness.js';
import { ensureIndexes } from './readModels/ensureIndexes.js';
import { readModels } from './readModels/readModels.js';
import { Audience } from './realtime/audience.js';
import { createNoticeRouter } from './realtime/noticeRouter.js';
import { createProductPusher } from './realtime/productPusher.js';
import { productsSnapshot } from './realtime/productsSnapshot.js';
import { createSocketServer, handleConnections } from './realtime/socketServer.js';
import { socketsByRoom } from './realtime/socketsByRoom.js';
import { createStockCoalescer } from './realtime/stockCoalescer.js';
import { stockPusher } from './realtime/stockPusher.js';
import { startVelocityTicker } from './realtime/velocityTicker.js';

export interface RunningQueryApi {
  /** The port it listens on (useful with PORT=0). */
  port: number;
  url: string;
  io: Server;
  close(): Promise<void>;
}

/** Connects to Mongo and NATS, creates indexes, and serves REST + Socket.IO on one port. */
export async function startQueryApi(config: QueryApiConfig): Promise<RunningQueryApi> {
  const logger = createLogger('query-api', config.LOG_LEVEL);
  const naming = shopNaming(config.SCALEMART_NAMESPACE);
  const mongo = await connectMongo(config.MONGO_URL, config.MONGO_DB);
  const nc = await connectNats(config.NATS_URL, 'query-api').catch(async (error: unknown) => {
    await mongo.client.close();
    throw error;
  });
  const models = readModels(mongo.db);
  await ensureIndexes(models, logger).catch(async (error: unknown) => {
    await Promise.allSettled([nc.close(), mongo.client.close()]);
    throw error;
  });
  const tokens = createAccessTokens({
    secret: config.JWT_SECRET,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    ttlSeconds: config.JWT_TTL_SECONDS,
  });

  let io: Server | undefined;
  const metrics = createMetrics(() => (io ? socketsByRoom(io) : new Map<string, number>()), true);
  const app = createApp({
    models,
    tokens,
    metrics,
    logger,
    corsOrigins: config.CORS_ORIGINS,
    metricsToken: config.METRICS_TOKEN,
    readiness: () => readiness(mongo.db, nc),
  });
  const httpServer = createServer(app);
  io = createSocketServer(httpServer, {
    tokens,
    logger,
    corsOrigins: config.CORS_ORIGINS,
    recoveryWindowMs: config.RECOVERY_WINDOW_MS,
  });
  const audience = new Audience(io, config.RECOVERY_WINDOW_MS);
  const routerDeps = { io, models, audience, metrics, logger };
  const coalescer = createStockCoalescer(config.STOCK_PUSH_INTERVAL_MS, stockPusher(routerDeps));
  const productPusher = createProductPusher(routerDeps, config.PRODUCT_PUSH_INTERVAL_MS);
  const router = createNoticeRouter(routerDeps, coalescer, productPusher);
  handleConnections(io, { audience, logger, snapshot: productsSnapshot(models, coalescer) });

  // Every instance subscribes (no queue group): each one pushes to its own sockets.
  const subscription = nc.subscribe(naming.allNotices, {
    callback: (error, msg) =>
      error ? logger.error({ err: error }, 'notice subscription') : router.handle(msg.string()),
  });
  await nc.flush(); // the server knows the subscription before anyone can connect
  const stopVelocity = startVelocityTicker({
    io,
    models,
    audience,
    logger,
    intervalMs: config.VELOCITY_INTERVAL_MS,
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.PORT, config.HOST, resolve);
  });
  const port = (httpServer.address() as AddressInfo).port;
  // Behind npm start's gateway, websockets arrive as descriptors over IPC (no second hop).
  const stopAccepting = acceptHandedSockets(httpServer);
  logger.info({ port, namespace: naming.namespace }, 'query-api listening');
  const socketServer = io;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    io: socketServer,
    async close() {
      stopAccepting();
      stopVelocity();
      subscription.unsubscribe();
      coalescer.close();
      productPusher.close();
      await socketServer.close(); // resolves once the HTTP server has closed too
      await nc.drain().catch(() => nc.close());
      await mongo.client.close();
    },
  };
}
