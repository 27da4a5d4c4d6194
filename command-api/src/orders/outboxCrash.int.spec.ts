import { jetstream } from '@nats-io/jetstream';
import { relayOutbox } from '@scalemart/runtime/writeModel';
import { request } from '../testing/httpClient.js';
import { orderIdOf } from '../testing/responseBodies.js';
import { startHarness, type Harness } from '../testing/harness.js';

/**
 * The process "dies" between the Lua script and the end of publishing, through the test-only
 * fault hook that replaces publishFromOutbox: either before anything reached JetStream, or after
 * the PubAck but before the outbox entry was cleared.
 */
describe('a crash between reserve and publish', () => {
  let h: Harness;
  let crash: 'before-publish' | 'after-puback' = 'before-publish';

  beforeAll(async () => {
    h = await startHarness({
      publish: async (_productId, eventJson) => {
        if (crash === 'after-puback') {
          const head = JSON.parse(eventJson) as {
            id: string;
            type: 'OrderPlaced';
            aggregateId: string;
          };
          await jetstream(h.nc).publish(
            h.ns.naming.subjectFor(head.type, head.aggregateId),
            eventJson,
            { msgID: head.id },
          );
        }
        throw new Error(`simulated crash ${crash}`);
      },
    });
  });
  afterAll(() => h.close());

  const relay = () => relayOutbox({ js: jetstream(h.nc), naming: h.ns.naming, store: h.store }, 0);

  it.each(['before-publish', 'after-puback'] as const)(
    'loses no order and leaks no unit when it dies %s',
    async (when) => {
      crash = when;
      const productId = `crash-${when}`;
      await h.seedProduct({ productId, stock: 3 });
      const res = await request({
        port: h.port,
        path: '/api/orders',
        token: h.token(`u-${when}`),
        body: { productId, quantity: 1 },
      });
      // The reservation is durable in Redis and the relay guarantees publication: still accepted.
      expect(res.status).toBe(202);
      const subject = h.ns.naming.subjectFor('OrderPlaced', orderIdOf(res));
      const before = await h.store.snapshot(productId);
      expect(before.outbox).toEqual([orderIdOf(res)]);
      expect((await h.stream()).orderPlaced[subject] ?? 0).toBe(when === 'after-puback' ? 1 : 0);

      expect(await relay()).toBeGreaterThanOrEqual(1);
      expect(await relay()).toBe(0); // nothing left to relay

      // Exactly once in the stream: the duplicate window dropped the relay's copy when there was one.
      expect((await h.stream()).orderPlaced[subject]).toBe(1);
      const after = await h.store.snapshot(productId);
      expect(after).toMatchObject({ available: 2, outbox: [], buyers: { [`u-${when}`]: 1 } });
    },
  );

  it('counts the deferred publishes in /metrics', async () => {
    const res = await request({ port: h.port, method: 'GET', path: '/metrics' });
    expect(res.text).toMatch(
      /commandapi_publish_duration_seconds_count\{type="OrderPlaced",result="failed"\} 2/,
    );
    expect(res.text).toMatch(/commandapi_outbox_depth 0/);
  });
});
