import { productOnSale } from '../../testing/products.js';
import { shelfOf, shelve } from './shelves.js';

const NOW = new Date('2026-11-21T10:00:00.000Z');
const ids = (products: { productId: string }[]) => products.map((p) => p.productId);

describe('the shop order', () => {
  const soldOut = (minutesAgo: number) => ({
    available: 0,
    sold: 10,
    soldOutAt: new Date(NOW.getTime() - minutesAgo * 60_000).toISOString(),
  });
  const products = [
    productOnSale('live-ends-late', NOW, { startsIn: -10, endsIn: 50 }),
    productOnSale('upcoming-later', NOW, { startsIn: 30, endsIn: 90 }),
    productOnSale('sold-out-earlier', NOW, { startsIn: -30, endsIn: 30 }, soldOut(20)),
    productOnSale('ended', NOW, { startsIn: -90, endsIn: -30 }),
    productOnSale('live-ends-soon', NOW, { startsIn: -50, endsIn: 5 }),
    productOnSale('ended-early', NOW, { startsIn: -10, endsIn: 50 }),
    productOnSale('upcoming-soon', NOW, { startsIn: 2, endsIn: 60 }),
    productOnSale('sold-out-just-now', NOW, { startsIn: -5, endsIn: 55 }, soldOut(1)),
    productOnSale('never-on-sale', NOW, { startsIn: 0, endsIn: 1 }, { sale: null }),
  ];
  products[5]!.sale!.endedAt = new Date(NOW.getTime() - 60_000).toISOString();

  it('puts live sales first (soonest ending first), then upcoming (soonest starting), then sold out (latest first)', () => {
    const shelves = shelve(products, NOW);
    expect(ids(shelves.live)).toEqual(['live-ends-soon', 'live-ends-late']);
    expect(ids(shelves.upcoming)).toEqual(['upcoming-soon', 'upcoming-later']);
    expect(ids(shelves.soldOut)).toEqual(['sold-out-just-now', 'sold-out-earlier']);
  });

  it('leaves out sales that ended, were ended early, or never started', () => {
    const shown = Object.values(shelve(products, NOW)).flatMap(ids);
    expect(shown).not.toContain('ended');
    expect(shown).not.toContain('ended-early');
    expect(shown).not.toContain('never-on-sale');
    expect(shown).toHaveLength(6);
  });

  it('moves a product along as the clock and its stock move', () => {
    const lamp = productOnSale('lamp', NOW, { startsIn: 1, endsIn: 10 });
    expect(shelfOf(lamp, NOW)).toBe('upcoming');
    const oneMinuteLater = new Date(NOW.getTime() + 60_000);
    expect(shelfOf(lamp, oneMinuteLater)).toBe('live');
    expect(shelfOf({ ...lamp, available: 0 }, oneMinuteLater)).toBe('sold-out');
    // A rejected payment gives the last unit back: the product is live again.
    expect(shelfOf({ ...lamp, available: 1 }, oneMinuteLater)).toBe('live');
    expect(shelfOf(lamp, new Date(NOW.getTime() + 10 * 60_000))).toBeNull();
  });

  it('orders ties by name, so the grid never flickers', () => {
    const a = productOnSale('b-id', NOW, { startsIn: -1, endsIn: 5 }, { name: 'Apple' });
    const b = productOnSale('a-id', NOW, { startsIn: -1, endsIn: 5 }, { name: 'Banana' });
    expect(ids(shelve([b, a], NOW).live)).toEqual(['b-id', 'a-id']);
  });
});
