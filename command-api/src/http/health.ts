import type { NatsConnection } from '@nats-io/nats-core';
import { Router } from 'express';
import { metricsAccess, metricsRefused, type RedisClient } from '@scalemart/runtime/service';
import type { Metrics } from './metrics.js';

const withTimeout = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref(),
    ),
  ]);

const check = async (probe: () => Promise<unknown>) => {
  try {
    await withTimeout(probe(), 1000);
    return 'ok';
  } catch (error) {
    return error instanceof Error ? error.message : 'failed';
  }
};

/** /healthz (the process answers), /readyz (Redis and NATS answer), /metrics (Prometheus). */
export function healthRoutes(deps: {
  redis: RedisClient;
  nc: NatsConnection;
  metrics: Metrics;
  /** METRICS_TOKEN: without it, /metrics answers loopback peers only. */
  metricsToken: string | undefined;
}): Router {
  const router = Router();
  const mayReadMetrics = metricsAccess(deps.metricsToken);
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const [redis, nats] = await Promise.all([
      check(() => deps.redis.ping()),
      check(() => (deps.nc.isClosed() ? Promise.reject(new Error('closed')) : deps.nc.flush())),
    ]);
    const ready = redis === 'ok' && nats === 'ok';
    res
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ready' : 'not_ready', checks: { redis, nats } });
  });
  router.get('/metrics', async (req, res) => {
    if (!mayReadMetrics(req)) throw metricsRefused();
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
  return router;
}
