import { allGreen } from './benchResult.js';
import { runBench } from './runBench.js';

/**
 * The cluster topology in CI: three JetStream nodes (SHOP at R3) and Redis Cluster (3 masters, 1
 * replica each). Mid-load, kill -9 of the Redis master holding the product and of the node leading
 * the stream; each is replaced, restarted and rejoins. No acknowledged order may be lost and no
 * unit sold twice: reservations wait for their replica (WAIT) or are taken back with a 503.
 */
describe('the load harness on the cluster topology', () => {
  it('loses and oversells nothing while the Redis master of the product and the stream leader die', async () => {
    const result = await runBench({
      scenario: 'sustained',
      topology: 'cluster',
      shoppers: 400,
      units: 150,
      connections: 16,
      rate: 60,
      durationSeconds: 8,
      chaos: true,
      socketSample: 0,
      paymentLatencyMs: 20,
      progress: false,
      drainTimeoutMs: 60_000,
    });
    const faults = result.chaos.faults;
    expect(faults.map((f) => f.fault)).toEqual([
      "kill -9 the product's Redis master",
      'kill -9 the SHOP stream leader',
    ]);
    expect(faults.filter((f) => f.error)).toEqual([]);
    // Each victim was replaced by another node, which the detail names.
    for (const fault of faults)
      expect(fault.detail).toMatch(/^(\S+) .* killed; (?!\1 )\S+ took over/);
    expect(result.problems).toEqual([]);
    expect(result.chaos).toMatchObject({ lost: 0, unprojected: 0, oversold: 0 });
    expect(allGreen(result)).toBe(true);
    expect(result.requests).toBe(480);
    expect(result.accepted).toBeGreaterThan(300);
    // The only errors allowed are 503s: a shard without its replica fails closed.
    expect(Object.keys(result.errorsByKind).filter((kind) => kind !== 'http_503')).toEqual([]);
  }, 110_000);
});
