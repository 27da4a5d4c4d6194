import { ProcessorMetrics } from '../metrics.js';
import { startHealthServer } from './healthServer.js';

// Issue 25: the health and metrics server answered on every interface without auth.
describe('the processors health server', () => {
  const start = (metricsToken?: string) =>
    startHealthServer({
      port: 0,
      host: '127.0.0.1',
      metricsToken,
      metrics: new ProcessorMetrics(() => Promise.resolve([])),
      isHealthy: () => true,
    });

  it('serves /healthz and, to a local peer, /metrics', async () => {
    const server = await start();
    try {
      const base = `http://127.0.0.1:${server.port}`;
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect((await fetch(`${base}/metrics`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('asks for METRICS_TOKEN when one is set', async () => {
    const server = await start('a-metrics-token-of-ours');
    try {
      const metrics = `http://127.0.0.1:${server.port}/metrics`;
      const refused = await fetch(metrics);
      expect(refused.status).toBe(401);
      expect(refused.headers.get('content-type')).toBe('application/problem+json');
      expect(await refused.json()).toMatchObject({ code: 'metrics_token_required' });
      const bearer = { authorization: 'Bearer a-metrics-token-of-ours' };
      expect((await fetch(metrics, { headers: bearer })).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
