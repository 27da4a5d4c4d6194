import { allGreen } from './benchResult.js';
import { runBench } from './runBench.js';

/**
 * The harness against the real, built services (turbo builds them before infra's tests). These
 * assert the invariants, never the speed: speed is what `npm run bench` reports.
 */
describe('the load harness', () => {
  it('runs a short herd (2,000 shoppers, 100 units) and every invariant holds', async () => {
    const result = await runBench({
      scenario: 'herd',
      shoppers: 2_000,
      units: 100,
      connections: 64,
      socketSample: 20,
      paymentLatencyMs: 20,
      progress: false,
      drainTimeoutMs: 30_000,
    });
    expect(result.problems).toEqual([]);
    expect(allGreen(result)).toBe(true);
    expect(result.requests).toBe(2_000);
    expect(result.accepted).toBeGreaterThanOrEqual(100); // rejected payments give units back
    expect(result.refused).toBe(2_000 - result.accepted - result.errors);
    expect(result.errors).toBe(0);
  }, 90_000);

  it('loses and oversells nothing while a command-api, a processor, NATS and Redis crash', async () => {
    const result = await runBench({
      scenario: 'sustained',
      shoppers: 300,
      units: 50,
      connections: 16,
      rate: 30,
      durationSeconds: 5,
      chaos: true,
      socketSample: 0,
      paymentLatencyMs: 20,
      progress: false,
      drainTimeoutMs: 60_000,
      seed: 7,
    });
    expect(result.chaos.faults.map((f) => f.fault).sort()).toEqual([
      'crash nats (kill -9)',
      'crash redis (kill -9, AOF always)',
      'kill -9 command-api-1',
      'kill -9 processors',
    ]);
    expect(result.chaos.faults.filter((f) => f.error)).toEqual([]);
    expect(result.problems).toEqual([]);
    expect(result.chaos).toMatchObject({ lost: 0, unprojected: 0, oversold: 0 });
    expect(allGreen(result)).toBe(true);
    expect(result.accepted).toBeGreaterThan(0);
  }, 120_000);
});
