import { newEvent, type OrderPlaced } from '@scalemart/contracts';
import { publishFromOutbox } from '@scalemart/runtime/writeModel';
import { waitFor } from '@scalemart/testkit';
import { randomUUID } from 'node:crypto';
import { willDecline } from './orders/paymentGateway.js';
import { readStream } from './replay/readStream.js';
import { startProcessors, type RunningProcessors } from './startProcessors.js';
import { harness, type Harness } from './testing/fixtures.js';

const ctx = (aggregateId: string) => ({ aggregateId, correlationId: 'test', causationId: 'test' });
const FAILURE_RATE = 0.3;

describe('confirm-orders', () => {
  let h: Harness;
  let processors: RunningProcessors | undefined;
  beforeAll(async () => (h = await harness()));
  afterAll(async () => {
    await processors?.close();
    await h.close();
  });

  it('confirms or rejects every order once and releases a rejected unit exactly once, even when OrderPlaced is redelivered', async () => {
    const deps = { js: h.js, naming: h.ns.naming, store: h.store };
    const productId = 'lamp';
    const created = await h.store.createProduct(
      newEvent(
        'ProductCreated',
        1,
        {
          productId,
          name: 'Lamp',
          description: '',
          priceCents: 500,
          currency: 'EUR',
          initialStock: 40,
          stockVersion: 0,
        },
        ctx(productId),
      ),
    );
    if (created.status !== 'ok') throw new Error(created.code);
    await publishFromOutbox(deps, productId, created.eventJson);
    const now = Date.now();
    const sale = await h.store.scheduleSale(
      newEvent(
        'SaleScheduled',
        1,
        {
          productId,
          startsAt: new Date(now - 1_000).toISOString(),
          endsAt: new Date(now + 3_600_000).toISOString(),
          perUserLimit: 2,
          salePriceCents: 400,
        },
        ctx(productId),
      ),
    );
    if (sale.status !== 'ok') throw new Error(sale.code);
    await publishFromOutbox(deps, productId, sale.eventJson);

    const placed: OrderPlaced[] = [];
    for (let i = 0; i < 30; i += 1) {
      const orderId = randomUUID();
      const template = newEvent(
        'OrderPlaced',
        2,
        {
          orderId,
          userId: `u${i}`,
          productId,
          quantity: 1,
          unitPriceCents: 0,
          totalCents: 0,
          currency: 'EUR',
          stockVersion: 0,
          availableAfter: 0,
        },
        { ...ctx(orderId), id: orderId },
      );
      const result = await h.store.reserve(template);
      if (result.status !== 'reserved') throw new Error(result.status);
      await publishFromOutbox(deps, productId, result.eventJson);
      placed.push(JSON.parse(result.eventJson) as OrderPlaced);
    }
    // A redelivery past the duplicate window: the same OrderPlaced again under another message id.
    for (const event of placed) {
      await h.js.publish(h.ns.naming.subjectFor('OrderPlaced', event.id), JSON.stringify(event), {
        msgID: randomUUID(),
      });
    }

    processors = await startProcessors(
      h.config({ payment: { latencyMs: 20, failureRate: FAILURE_RATE } }),
    );
    const orders = h.db.collection('orders');
    await waitFor(
      async () => (await orders.countDocuments({ status: { $ne: 'pending' } })) === 30,
      { timeoutMs: 20_000, what: '30 final orders' },
    );

    const declined = placed
      .filter((event) => willDecline(event.id, FAILURE_RATE))
      .map((e) => e.id)
      .sort();
    const rejected = (await orders.find({ status: 'rejected' }).toArray())
      .map((o) => o.orderId as string)
      .sort();
    expect(rejected).toEqual(declined);
    const releases: unknown[] = [];
    const outcomes: unknown[] = [];
    for await (const entry of readStream(h.nc, h.ns.naming, {
      types: ['StockReleased', 'OrderConfirmed', 'OrderRejected'],
    })) {
      (entry.event?.type === 'StockReleased' ? releases : outcomes).push(entry.event);
    }
    expect(releases).toHaveLength(declined.length);
    expect(outcomes).toHaveLength(30);
    const snapshot = await h.store.snapshot(productId);
    expect(snapshot.available).toBe(40 - 30 + declined.length);
    const product = await waitFor(
      async () => {
        const doc = await h.db.collection('products').findOne({ _id: productId as never });
        return doc && doc.sold === 30 - declined.length && doc.pending === 0 ? doc : undefined;
      },
      { what: 'product counters' },
    );
    expect(product).toMatchObject({
      available: snapshot.available,
      stockVersion: snapshot.stockVersion,
      initialStock: 40,
    });
    expect(product.sale).toMatchObject({ perUserLimit: 2, salePriceCents: 400, endedAt: null });
  });
});
