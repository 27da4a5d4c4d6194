import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { metricsAccess, metricsRefused, problemBody } from '@scalemart/runtime/service';
import type { ProcessorMetrics } from '../metrics.js';

/**
 * `/healthz` (200 while NATS is connected, else 503) and `/metrics` (Prometheus text; loopback
 * peers only, or bearers of `metricsToken`), on `host` (loopback unless told otherwise).
 */
export async function startHealthServer(deps: {
  port: number;
  host: string;
  metricsToken: string | undefined;
  metrics: ProcessorMetrics;
  isHealthy: () => boolean;
}): Promise<{ port: number; close(): Promise<void> }> {
  const mayReadMetrics = metricsAccess(deps.metricsToken);
  const server = createServer((req, res) => {
    if (req.url === '/healthz') {
      const ok = deps.isHealthy();
      res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: ok ? 'ok' : 'unavailable' }));
      return;
    }
    if (req.url === '/metrics' && !mayReadMetrics(req)) {
      res.writeHead(401, { 'content-type': 'application/problem+json' });
      res.end(JSON.stringify(problemBody(metricsRefused())));
      return;
    }
    if (req.url === '/metrics') {
      deps.metrics.registry.metrics().then(
        (text) => {
          res.writeHead(200, { 'content-type': deps.metrics.registry.contentType });
          res.end(text);
        },
        (error: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(String(error));
        },
      );
      return;
    }
    res.writeHead(404, { 'content-type': 'application/problem+json' });
    res.end(
      JSON.stringify({ type: 'about:blank', title: 'Not found', status: 404, code: 'not_found' }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(deps.port, deps.host, resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
