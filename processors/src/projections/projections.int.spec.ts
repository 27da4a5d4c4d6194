import type { ShopEvent } from '@scalemart/contracts';
import type { Delivery } from '../consumer/runConsumer.js';
import { harness, mixedHistory, readModels, type Harness } from '../testing/fixtures.js';
import { PROJECTIONS } from './index.js';
import { collectionNames } from './projection.js';

const deliveries = (events: ShopEvent[]): Delivery[] =>
  events.map((event, i) => ({ event, streamSequence: i + 1, deliveries: 1, subject: event.type }));

/** A seeded shuffle, so a failure can be replayed. */
function shuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i -= 1) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

async function project(h: Harness, suffix: string, batches: Delivery[][]) {
  const ctx = { db: h.db, names: collectionNames(suffix), stalePlanMs: 5_000 };
  for (const projection of PROJECTIONS) await projection.prepare(ctx);
  for (const batch of batches)
    for (const projection of PROJECTIONS) await projection.apply(ctx, batch);
  return readModels(h.db, ctx.names);
}

describe('projections', () => {
  let h: Harness;
  beforeAll(async () => (h = await harness()));
  afterAll(() => h.close());

  it('give the same read models when events are redelivered and out of order', async () => {
    const all = deliveries(mixedHistory({ products: 3, orders: 60 }));
    const once = await project(h, '_once', [all]);
    // Every event twice, shuffled, in uneven batches: duplicates inside a batch and across batches.
    const messy = shuffle([...all, ...all.filter((_, i) => i % 3 === 0), ...all], 7);
    const batches: Delivery[][] = [];
    for (let i = 0, size = 1; i < messy.length; i += size, size = (size % 40) + 3)
      batches.push(messy.slice(i, i + size));
    const twice = await project(h, '_messy', batches);
    expect(twice).toEqual(once);

    const confirmed = all.filter((d) => d.event.type === 'OrderConfirmed');
    const units = confirmed.reduce(
      (sum, d) => sum + (d.event.data as { quantity: number }).quantity,
      0,
    );
    expect(once.products.reduce((sum, p) => sum + (p.sold as number), 0)).toBe(units);
    expect(once.products.every((p) => p.pending === 0)).toBe(true);
    const total = once.sales.filter((b) => b.productId === null);
    expect(total.reduce((sum, b) => sum + (b.orders as number), 0)).toBe(confirmed.length);
    const order = once.orders[0]!;
    expect(order.history).toEqual([
      { status: 'pending', at: order.placedAt },
      { status: order.status, at: order.updatedAt },
    ]);
  });

  it('keeps available at the highest stock version and the invariant of the counters', async () => {
    const events = mixedHistory({ products: 1, orders: 30 });
    const reversed = deliveries(events).reverse();
    const models = await project(
      h,
      '_rev',
      reversed.map((d) => [d]),
    );
    const product = models.products[0]!;
    const last = [...events].reverse().find((e) => 'stockVersion' in e.data)!;
    expect(product.stockVersion).toBe((last.data as { stockVersion: number }).stockVersion);
    const { initialStock, restocked, available, pending, sold } = product as Record<string, number>;
    expect(available! + pending! + sold!).toBeLessThanOrEqual(initialStock! + restocked!);
    expect(product.sale).toMatchObject({ perUserLimit: 5, endedAt: null });
  });
});
