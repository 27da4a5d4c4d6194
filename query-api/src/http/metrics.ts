import { collectDefaultMetrics, Gauge, Histogram, Registry, Counter } from 'prom-client';

/** query-api's Prometheus metrics, on a registry of its own (several instances can share a process). */
export interface QueryMetrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  pushLatency: Histogram<'event'>;
  pushes: Counter<'event'>;
  notices: Counter<'kind' | 'outcome'>;
  sockets: Gauge<'room'>;
}

/** Creates the metrics; `socketsByRoom` is read at scrape time, so nothing counts on the hot path. */
export function createMetrics(
  socketsByRoom: () => Map<string, number>,
  defaults = false,
): QueryMetrics {
  const registry = new Registry();
  if (defaults) collectDefaultMetrics({ register: registry, prefix: 'scalemart_query_' });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'scalemart_query_http_request_duration_seconds',
      help: 'REST latency by route',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [registry],
    }),
    pushLatency: new Histogram({
      name: 'scalemart_query_push_latency_seconds',
      help: 'From the causing event (notice eventAt) to the Socket.IO emit',
      labelNames: ['event'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    pushes: new Counter({
      name: 'scalemart_query_pushes_total',
      help: 'Socket.IO room emits by event',
      labelNames: ['event'],
      registers: [registry],
    }),
    notices: new Counter({
      name: 'scalemart_query_notices_total',
      help: 'Change notices received from NATS',
      labelNames: ['kind', 'outcome'],
      registers: [registry],
    }),
    sockets: new Gauge({
      name: 'scalemart_query_connected_sockets',
      help: 'Connected sockets by room ("all" = every socket, "user:*" = sockets in any user room)',
      labelNames: ['room'],
      registers: [registry],
      collect() {
        this.reset();
        for (const [room, count] of socketsByRoom()) this.set({ room }, count);
      },
    }),
  };
}
