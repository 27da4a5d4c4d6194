import { stockKeys, type WriteModel } from '@scalemart/runtime/writeModel';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The service's Prometheus metrics, on a registry of its own (two apps can share a process). */
export interface Metrics {
  registry: Registry;
  /** Request latency by route and outcome (`reserved`, `sold_out`, `401`...). */
  requests: Histogram<'method' | 'route' | 'outcome'>;
  reservations: Counter<'outcome'>;
  publishSeconds: Histogram<'type' | 'result'>;
  /** The reservation script's round trip (queueing in ioredis included): Redis's share of a purchase. */
  reserveSeconds: Histogram;
}

export function createMetrics(store: WriteModel): Metrics {
  const registry = new Registry();
  const requests = new Histogram({
    name: 'commandapi_http_request_duration_seconds',
    help: 'HTTP request latency by route and outcome',
    labelNames: ['method', 'route', 'outcome'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const reservations = new Counter({
    name: 'commandapi_reservations_total',
    help: 'Purchase attempts that reached a decision, by outcome',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const publishSeconds = new Histogram({
    name: 'commandapi_publish_duration_seconds',
    help: 'Publish to JetStream until PubAck and outbox cleared; result failed = left to the relay',
    labelNames: ['type', 'result'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
    registers: [registry],
  });
  const reserveSeconds = new Histogram({
    name: 'commandapi_reserve_duration_seconds',
    help: 'The reservation Lua script, from the call to its answer',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
    registers: [registry],
  });
  new Gauge({
    name: 'commandapi_outbox_depth',
    help: 'Events in the Redis outboxes not yet acknowledged by JetStream (all products)',
    registers: [registry],
    async collect() {
      const ids = await store.productIds();
      const sizes = await Promise.all(ids.map((id) => store.redis.hlen(stockKeys(id).outbox)));
      this.set(sizes.reduce((sum, size) => sum + size, 0));
    },
  });
  return { registry, requests, reservations, publishSeconds, reserveSeconds };
}
