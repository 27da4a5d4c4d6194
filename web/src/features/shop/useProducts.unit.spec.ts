import { productOnSale } from '../../testing/products.js';
import { applyProduct, applyStock } from './useProducts.js';

const NOW = new Date('2026-11-21T10:00:00.000Z');

describe('applyProduct (a sale scheduled or ended early, a new product)', () => {
  const lamp = productOnSale(
    'lamp',
    NOW,
    { startsIn: -5, endsIn: 60 },
    { available: 4, stockVersion: 9 },
  );

  it('takes the new sale and keeps the newer stock already shown', () => {
    const ended = { ...lamp.sale!, endedAt: NOW.toISOString() };
    const pushed = { ...lamp, sale: ended, available: 6, stockVersion: 7 };
    const [next] = applyProduct([lamp], pushed);
    expect(next!.sale?.endedAt).toBe(NOW.toISOString());
    expect(next).toMatchObject({ available: 4, stockVersion: 9 });
  });

  it('takes the stock too when it is not older', () => {
    const [next] = applyProduct([lamp], { ...lamp, available: 3, stockVersion: 10 });
    expect(next).toMatchObject({ available: 3, stockVersion: 10 });
  });

  it('takes the pushed stock at an equal version (the later message)', () => {
    const [next] = applyProduct([lamp], { ...lamp, pending: 0, sold: 1, stockVersion: 9 });
    expect(next).toMatchObject({ pending: 0, sold: 1, stockVersion: 9 });
  });

  it('adds a product the list did not have, and leaves the others alone', () => {
    const desk = productOnSale('desk', NOW, { startsIn: 5, endsIn: 60 });
    const next = applyProduct([lamp], desk);
    expect(next.map((p) => p.productId)).toEqual(['lamp', 'desk']);
    expect(next[0]).toBe(lamp);
  });
});

describe('applyStock (a coalesced stock push)', () => {
  const lamp = productOnSale(
    'lamp',
    NOW,
    { startsIn: -5, endsIn: 60 },
    { available: 4, pending: 1, sold: 0, stockVersion: 9 },
  );
  const push = (stockVersion: number, available: number, pending = 0, sold = 0) => ({
    productId: 'lamp',
    available,
    pending,
    sold,
    stockVersion,
    eventAt: NOW.toISOString(),
  });

  it('takes a newer version and ignores an older one', () => {
    expect(applyStock([lamp], push(10, 3))[0]).toMatchObject({ available: 3, stockVersion: 10 });
    expect(applyStock([lamp], push(8, 5))[0]).toBe(lamp);
  });

  it('takes an equal version: a confirmation moves pending to sold without a new version', () => {
    const [next] = applyStock([lamp], push(9, 4, 0, 1));
    expect(next).toMatchObject({ available: 4, pending: 0, sold: 1, stockVersion: 9 });
  });

  it('leaves other products alone', () => {
    const desk = productOnSale('desk', NOW, { startsIn: -5, endsIn: 60 });
    expect(applyStock([desk], push(99, 0))[0]).toBe(desk);
  });
});
