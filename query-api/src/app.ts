import { apiOperations, type Readiness } from '@scalemart/contracts';
import {
  DomainError,
  metricsAccess,
  metricsRefused,
  methodNotAllowed,
  problemMiddleware,
  type AccessTokens,
} from '@scalemart/runtime/service';
import cors from 'cors';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { adminRoutes } from './admin/adminRoutes.js';
import { apiDocsRoutes } from './docs/apiDocsRoutes.js';
import { authenticate } from './http/authenticate.js';
import { httpTimer } from './http/httpTimer.js';
import type { QueryMetrics } from './http/metrics.js';
import { ordersRoutes } from './orders/ordersRoutes.js';
import { productsRoutes } from './products/productsRoutes.js';
import type { ReadModels } from './readModels/readModels.js';

export interface AppDeps {
  models: ReadModels;
  tokens: AccessTokens;
  corsOrigins: string[];
  metrics: QueryMetrics;
  /** Each dependency's check, `ok` or why not; /readyz is 200 only when all are `ok`. */
  readiness: () => Promise<Record<string, string>>;
  logger: Logger;
  /** METRICS_TOKEN: without it, /metrics answers loopback peers only. */
  metricsToken?: string;
}

/** The REST app (no listening, no globals): reads, health, readiness and metrics. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple'); // `?limit=1&limit=2` is an array, refused by the schemas; no nested objects
  app.use(helmet());
  app.use(cors({ origin: deps.corsOrigins, credentials: true }));
  app.use(httpTimer(deps.metrics));
  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/readyz', async (_req, res) => {
    const checks = await deps.readiness();
    const ready = Object.values(checks).every((check) => check === 'ok');
    const body: Readiness = { status: ready ? 'ready' : 'not_ready', checks };
    res.status(ready ? 200 : 503).json(body);
  });
  const mayReadMetrics = metricsAccess(deps.metricsToken);
  app.get('/metrics', async (req, res) => {
    if (!mayReadMetrics(req)) throw metricsRefused();
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
  app.use(apiDocsRoutes());
  app.use('/api', authenticate(deps.tokens));
  app.use('/api/products', productsRoutes(deps.models));
  app.use('/api/orders', ordersRoutes(deps.models));
  app.use('/api/admin', adminRoutes(deps.models));
  app.use(methodNotAllowed(apiOperations));
  app.use((req, _res, next) =>
    next(new DomainError('not_found', 'No such route', { detail: `${req.method} ${req.path}` })),
  );
  app.use(problemMiddleware(deps.logger));
  return app;
}
