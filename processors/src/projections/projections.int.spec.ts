import type { ShopEvent } from '@scalemart/contracts';
import type { Delivery } from '../delivery.js';
import { MemoryStore } from '../replay/memoryStore.js';
import { harness, mixedHistory, readModels, type Harness } from '../testing/fixtures.js';
import { applyBatch } from './applyBatch.js';
import { mongoStore, type DocumentStore } from './documentStore.js';
import { PROJECTIONS } from './index.js';
import { collectionOf, type ReadModelDoc } from './projection.js';

const deliveries = (events: ShopEvent[]): Delivery[] =>
  events.map((event, i) => ({ event, streamSequence: i + 1, deliveries: 1, subject: event.type }));

/** Applies batches with the live writer's store into `<model><suffix>`. */
async function project(h: Harness, suffix: string, batches: Delivery[][]) {
  for (const batch of batches) {
    for (const projection of PROJECTIONS) {
      await applyBatch(
        projection,
        mongoStore(h.db.collection<ReadModelDoc>(collectionOf(projection.model, suffix))),
        batch,
      );
    }
  }
  return readModels(h.db, suffix);
}

describe('projections on MongoDB', () => {
  let h: Harness;
  beforeAll(async () => (h = await harness()));
  afterAll(() => h.close());

  it('give the same read models when batches are redelivered, and the same as a rebuild in memory', async () => {
    const all = deliveries(mixedHistory({ products: 3, orders: 60 }));
    const once = await project(h, '_once', [all]);
    const redelivered = await project(h, '_again', [
      all.slice(0, 70),
      all.slice(30, 70),
      all.slice(0, 100),
      all.slice(90),
    ]);
    expect(redelivered).toEqual(once);

    const stores = PROJECTIONS.map(
      (p) =>
        [
          p,
          new MemoryStore(h.db.collection<ReadModelDoc>(collectionOf(p.model, '_memory'))),
        ] as const,
    );
    for (const batch of [all.slice(0, 50), all.slice(50)]) {
      for (const [projection, store] of stores)
        await applyBatch(projection, store as DocumentStore<ReadModelDoc>, batch);
      for (const [, store] of stores) await store.flush();
    }
    expect(await readModels(h.db, '_memory')).toEqual(once);

    const confirmed = all.map((d) => d.event).filter((e) => e.type === 'OrderConfirmed');
    const units = confirmed.reduce((sum, e) => sum + (e.data as { quantity: number }).quantity, 0);
    expect(once.orders).toHaveLength(60);
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

  it('keeps available at the highest stock version when placements reach the stream out of version order', async () => {
    const history = mixedHistory({ products: 1, orders: 30 });
    // Two command-apis publishing at once: of each two orders, the second placement reaches the
    // stream first (each outcome still after its placement, as confirm-orders reads placements).
    const starts = history.flatMap((e, i) => (e.type === 'OrderPlaced' ? [i] : []));
    const head = history.slice(0, starts[0]);
    const blocks = starts.map((start, k) => history.slice(start, starts[k + 1] ?? history.length));
    const events = [...head];
    for (let k = 0; k < blocks.length; k += 2) {
      const [a, b = []] = [blocks[k]!, blocks[k + 1]];
      events.push(...(b.length ? [b[0]!, a[0]!, ...a.slice(1), ...b.slice(1)] : a));
    }
    const models = await project(
      h,
      '_swapped',
      deliveries(events).map((d) => [d]),
    );
    const product = models.products[0]!;
    const highest = Math.max(
      ...events.map((e) => (e.data as { stockVersion?: number }).stockVersion ?? 0),
    );
    expect(product.stockVersion).toBe(highest);
    const { initialStock, restocked, available, pending, sold } = product as Record<string, number>;
    expect(pending).toBe(0);
    expect(available! + sold!).toBe(initialStock! + restocked!);
    expect(product.sale).toMatchObject({ perUserLimit: 5, endedAt: null });
  });
});
