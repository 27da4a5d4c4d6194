import { allGreen, type BenchResult } from './benchResult.js';
import { runBench } from './runBench.js';
import { HOPS } from './winnerHops.js';

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
    expect(result.stores).toEqual({ redisAppendFsync: 'always', natsSyncInterval: 'always' });
    expectWinnerAccounting(result);
    expect(result.hopsMs.acceptedToStored.samples).toBe(result.accepted);
    expect(result.hopsMs.noticeToPushed.samples).toBeGreaterThan(0);
    expect(result.hopsMs.noticeToPushed.samples).toBeLessThanOrEqual(20);
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
    expect(result.cpuMicrosPerAccepted?.total).toBeGreaterThan(0);
  }, 120_000);
});

/** The per-winner figures exist and are sane: the speed itself is `npm run bench`'s to report. */
function expectWinnerAccounting(result: BenchResult): void {
  expect(result.claimedAllUnitsMs).toBeGreaterThan(0);
  expect(result.claimedAllUnitsMs).toBeLessThanOrEqual(result.elapsedMs);
  const cpu = result.cpuMicrosPerAccepted!;
  for (const service of ['command-api', 'processors', 'query-api', 'total'])
    expect(cpu[service]).toBeGreaterThan(0);
  // The total leaves the load generator out, and is at least any one service of the system.
  expect(cpu.total).toBeGreaterThanOrEqual(cpu['command-api']! + cpu.processors!);
  for (const hop of HOPS) {
    const { p50, p99, samples } = result.hopsMs[hop];
    expect(samples).toBeGreaterThan(0);
    expect(p50).toBeLessThanOrEqual(p99!);
  }
  // Paid after the order was stored; projected after the confirmation was stored.
  expect(result.hopsMs.storedToPaymentAnswered.p50).toBeGreaterThan(0);
  expect(result.hopsMs.confirmedStoredToNotice.p50).toBeGreaterThan(0);
}
