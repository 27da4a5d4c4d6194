import http from 'node:http';
import { request, type TestResponse } from '../testing/httpClient.js';
import { orderIdOf, problemCode } from '../testing/responseBodies.js';
import { startHarness, type Harness } from '../testing/harness.js';

const USERS = 2_000;
const UNITS = 100;
/** Open sockets per instance: enough to pile requests onto the last units, bounded for CI. */
const SOCKETS_PER_INSTANCE = 64;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

describe('the thundering herd', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ instances: 2 });
  });
  afterAll(() => h.close());

  it(`sells exactly ${UNITS} units to ${USERS} concurrent buyers on two instances`, async () => {
    await h.seedProduct({ productId: 'herd', stock: UNITS, perUserLimit: 1 });
    // Minted directly: the herd measures purchases, not bcrypt.
    const tokens = Array.from({ length: USERS }, (_, i) => h.token(`buyer-${i}`));
    const agents = h.apis.map(
      () => new http.Agent({ keepAlive: true, maxSockets: SOCKETS_PER_INSTANCE }),
    );

    const started = performance.now();
    const responses: TestResponse[] = await Promise.all(
      tokens.map((token, i) =>
        request({
          port: h.apis[i % 2]!.port,
          agent: agents[i % 2],
          path: '/api/orders',
          token,
          body: { productId: 'herd', quantity: 1 },
        }),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    agents.forEach((agent) => agent.destroy());

    const byOutcome = responses.reduce<Record<string, number>>((counts, res) => {
      const key = res.status === 202 ? '202' : `${res.status} ${problemCode(res)}`;
      counts[key] = (counts[key] ?? 0) + 1;
      return counts;
    }, {});
    expect(byOutcome).toEqual({ '202': UNITS, '409 sold_out': USERS - UNITS });

    const accepted = responses.filter((res) => res.status === 202).map((res) => orderIdOf(res));
    expect(new Set(accepted).size).toBe(UNITS);
    const { orderPlaced } = await h.stream();
    expect(Object.keys(orderPlaced).sort()).toEqual(
      accepted.map((id) => h.ns.naming.subjectFor('OrderPlaced', id)).sort(),
    );
    expect(Object.values(orderPlaced).every((count) => count === 1)).toBe(true);

    const snapshot = await h.store.snapshot('herd');
    expect(snapshot.available).toBe(0);
    expect(snapshot.outbox).toEqual([]);
    expect(Object.keys(snapshot.buyers)).toHaveLength(UNITS);
    expect(Math.max(...Object.values(snapshot.buyers))).toBe(1);

    const latencies = responses.map((res) => res.ms).sort((a, b) => a - b);
    const totals = responses.map((res) => res.totalMs).sort((a, b) => a - b);
    // Figures for the record, not assertions: speed targets belong to the benchmark.
    console.log(
      `herd: ${USERS} requests in ${seconds.toFixed(2)} s = ${Math.round(USERS / seconds)} req/s; ` +
        `on a socket p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms; ` +
        `including the wait for a socket p99 ${percentile(totals, 99).toFixed(0)} ms ` +
        `(2 instances, ${SOCKETS_PER_INSTANCE} sockets each)`,
    );
  });
});
