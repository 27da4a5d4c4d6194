import { newEvent, type ShopEvent } from '@scalemart/contracts';
import { evolveProduct, type ProductDoc } from './productsProjection.js';

const ctx = (aggregateId: string, second: number) => ({
  aggregateId,
  correlationId: 't',
  causationId: 't',
  occurredAt: new Date(Date.UTC(2026, 0, 1, 10, 0, second)),
});
const created = newEvent(
  'ProductCreated',
  1,
  {
    productId: 'p',
    name: 'Lamp',
    description: '',
    priceCents: 500,
    currency: 'EUR',
    initialStock: 10,
    stockVersion: 1,
  },
  ctx('p', 0),
);
const placed = (orderId: string, version: number, availableAfter: number, second = version) =>
  newEvent(
    'OrderPlaced',
    2,
    {
      orderId,
      userId: 'u',
      productId: 'p',
      quantity: 1,
      unitPriceCents: 500,
      totalCents: 500,
      currency: 'EUR',
      stockVersion: version,
      availableAfter,
    },
    ctx(orderId, second),
  );
const confirmed = (orderId: string) =>
  newEvent(
    'OrderConfirmed',
    1,
    { orderId, userId: 'u', productId: 'p', quantity: 1, totalCents: 500, paymentId: 'pay' },
    ctx(orderId, 30),
  );

const fold = (events: ShopEvent[]) =>
  events.reduce<ProductDoc | undefined>(
    (doc, event, i) => ({ ...evolveProduct(doc, event, 'p'), _seq: i + 1 }),
    undefined,
  )!;

describe('evolveProduct', () => {
  it('takes available from the highest stock version, whatever order they were published in', () => {
    const doc = fold([created, placed('a', 3, 8), placed('b', 2, 9)]);
    expect(doc).toMatchObject({
      available: 8,
      stockVersion: 3,
      pending: 2,
      _versions: { upTo: 3, seen: [] },
    });
  });

  it('counts an OrderPlaced republished under another message id once (its stock version was seen)', () => {
    const doc = fold([
      created,
      placed('a', 2, 9),
      placed('b', 3, 8),
      placed('a', 2, 9),
      confirmed('a'),
    ]);
    expect(doc).toMatchObject({ pending: 1, sold: 1, available: 8 });
  });

  it('remembers only the versions above the first gap', () => {
    const doc = fold([created, placed('a', 2, 9), placed('c', 4, 7), placed('d', 5, 6)]);
    expect(doc._versions).toEqual({ upTo: 2, seen: [4, 5] });
    expect(
      fold([created, placed('a', 2, 9), placed('c', 4, 7), placed('d', 5, 6), placed('b', 3, 8)])
        ._versions,
    ).toEqual({ upTo: 5, seen: [] });
  });

  it('marks the earliest placement that left no stock as the sell-out, and derives lowStock', () => {
    const doc = fold([created, placed('b', 3, 0, 20), placed('a', 2, 0, 10)]);
    expect(doc.soldOutAt).toBe('2026-01-01T10:00:10.000Z');
    expect(doc.available).toBe(0);
    expect(doc.lowStock).toBe(true);
  });

  it('never changes the document it was given', () => {
    const before = fold([created]);
    const copy = structuredClone(before);
    evolveProduct(before, placed('a', 2, 9), 'p');
    expect(before).toEqual(copy);
  });
});
