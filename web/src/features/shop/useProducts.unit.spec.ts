import { productOnSale } from '../../testing/products.js';
import { applyProduct } from './useProducts.js';

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

  it('adds a product the list did not have, and leaves the others alone', () => {
    const desk = productOnSale('desk', NOW, { startsIn: 5, endsIn: 60 });
    const next = applyProduct([lamp], desk);
    expect(next.map((p) => p.productId)).toEqual(['lamp', 'desk']);
    expect(next[0]).toBe(lamp);
  });
});
