import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { newEvent, type OrderPlaced } from '@scalemart/contracts';
import { connectNats, createRedis, type RedisClient } from '../service/connections.js';
import { ensureStreams } from '../streams.js';
import { createTestNamespace } from '@scalemart/testkit';
import { publishFromOutbox, relayOutbox } from './outbox.js';
import { orderFor as order, productOnSale, testContext as ctx } from './saleFixtures.js';
import { WriteModel } from './writeModel.js';

const ns = createTestNamespace();
let redis: RedisClient;
let nc: NatsConnection;
let store: WriteModel;

beforeAll(async () => {
  redis = createRedis(ns.stack.urls.redis, ns.redisKeyPrefix);
  nc = await connectNats(ns.stack.urls.nats, 'stock-store-test');
  await ensureStreams(nc, ns.naming);
  store = new WriteModel(redis);
});
afterAll(async () => {
  redis.disconnect();
  await nc.close();
});

describe('WriteModel', () => {
  it('never sells more than it has, whatever the concurrency', async () => {
    await productOnSale(store, 'herd', 50);
    const results = await Promise.all(
      Array.from({ length: 500 }, (_, i) => store.reserve(order('herd', `u${i}`))),
    );
    const reserved = results.filter((result) => result.status === 'reserved');
    expect(reserved).toHaveLength(50);
    expect(results.filter((r) => r.status === 'refused' && r.code === 'sold_out')).toHaveLength(
      450,
    );
    const snapshot = await store.snapshot('herd');
    expect(snapshot.available).toBe(0);
    expect(snapshot.stockVersion).toBe(51);
    expect(Object.values(snapshot.buyers).every((units) => units === 1)).toBe(true);
    // Each acceptance left its event in the outbox, priced at the sale price.
    expect(snapshot.outbox).toHaveLength(52);
    const event = JSON.parse((reserved[0] as { eventJson: string }).eventJson) as OrderPlaced;
    expect(event.data).toMatchObject({ unitPriceCents: 700, totalCents: 700, currency: 'EUR' });
  });

  it('holds the per-user limit and says which refusal applies', async () => {
    await productOnSale(store, 'limit', 10, { perUserLimit: 2 });
    expect((await store.reserve(order('limit', 'ada', 2))).status).toBe('reserved');
    expect(await store.reserve(order('limit', 'ada', 1))).toEqual({
      status: 'refused',
      code: 'limit_reached',
    });
    expect(await store.reserve(order('nothing', 'ada'))).toEqual({
      status: 'refused',
      code: 'unknown_product',
    });
    await productOnSale(store, 'later', 10, { perUserLimit: 1, startsInMs: 60_000 });
    expect(await store.reserve(order('later', 'ada'))).toEqual({
      status: 'refused',
      code: 'sale_not_open',
    });
  });

  it('answers a repeated idempotency key with the first answer and reserves nothing', async () => {
    await productOnSale(store, 'idem', 5, { perUserLimit: 5 });
    const first = await store.reserve(order('idem', 'bob'), 'key-0001-abcd');
    const again = await store.reserve(order('idem', 'bob'), 'key-0001-abcd');
    expect(first.status).toBe('reserved');
    expect(again).toEqual({ status: 'replayed', orderId: (first as { orderId: string }).orderId });
    expect((await store.snapshot('idem')).available).toBe(4);
  });

  it('releases a rejected order once, however often asked', async () => {
    await productOnSale(store, 'release', 1);
    const placed = await store.reserve(order('release', 'cy'));
    const orderId = (placed as { orderId: string }).orderId;
    const released = () =>
      store.release(
        newEvent(
          'StockReleased',
          1,
          {
            productId: 'release',
            orderId,
            userId: 'cy',
            quantity: 1,
            available: 0,
            stockVersion: 0,
          },
          ctx('release'),
        ),
      );
    expect((await released()).status).toBe('released');
    expect((await released()).status).toBe('already');
    const snapshot = await store.snapshot('release');
    expect(snapshot.available).toBe(1);
    expect(snapshot.buyers.cy).toBe(0);
  });

  it('refuses admin changes to unknown products and a second create', async () => {
    await productOnSale(store, 'admin', 1);
    const again = await store.createProduct(
      newEvent(
        'ProductCreated',
        1,
        {
          productId: 'admin',
          name: 'x',
          description: '',
          priceCents: 1,
          currency: 'EUR',
          initialStock: 1,
          stockVersion: 0,
        },
        ctx('admin'),
      ),
    );
    expect(again).toEqual({ status: 'refused', code: 'product_exists' });
    const restock = await store.restock(
      newEvent(
        'StockReplenished',
        1,
        { productId: 'ghost', quantity: 1, available: 0, stockVersion: 0 },
        ctx('ghost'),
      ),
    );
    expect(restock).toEqual({ status: 'refused', code: 'unknown_product' });
  });

  it('publishes an orphaned outbox entry exactly once, even when relayed twice', async () => {
    await productOnSale(store, 'relay', 3);
    const placed = await store.reserve(order('relay', 'dee'));
    expect(placed.status).toBe('reserved');
    const js = jetstream(nc);
    const deps = { js, naming: ns.naming, store };
    // The publisher "died" after the script: the entry sits in the outbox. Two relays race.
    const [a, b] = await Promise.all([relayOutbox(deps, 0), relayOutbox(deps, 0)]);
    expect(a + b).toBeGreaterThanOrEqual(1);
    await publishFromOutbox(deps, 'relay', (placed as { eventJson: string }).eventJson);
    const jsm = await jetstreamManager(nc);
    const orderId = (placed as { orderId: string }).orderId;
    const info = await jsm.streams.info(ns.naming.stream, {
      subjects_filter: ns.naming.subjectFor('OrderPlaced', orderId),
    });
    expect(info.state.subjects?.[ns.naming.subjectFor('OrderPlaced', orderId)]).toBe(1);
    expect((await store.snapshot('relay')).outbox).toHaveLength(0);
  });
});
