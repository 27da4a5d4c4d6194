import type { ProductView } from '@scalemart/contracts';
import { perMinute } from '../realtime/velocityTicker.js';
import { summarize, windowStart } from './salesStats.js';

const base: ProductView = {
  productId: 'lamp',
  name: 'Lamp',
  description: '',
  priceCents: 200,
  currency: 'EUR',
  sale: {
    startsAt: '2026-01-01T10:00:00.000Z',
    endsAt: '2026-01-01T11:00:00.000Z',
    perUserLimit: 1,
    salePriceCents: 100,
    endedAt: null,
  },
  initialStock: 80,
  restocked: 20,
  available: 0,
  pending: 0,
  sold: 100,
  lowStock: true,
  soldOutAt: '2026-01-01T10:00:42.500Z',
  stockVersion: 100,
  updatedAt: '2026-01-01T10:00:42.500Z',
};

describe('sales stats', () => {
  it('computes sell-through and time to sell out from the sale start', () => {
    expect(summarize(base)).toMatchObject({
      sellThrough: 1,
      timeToSellOutMs: 42_500,
      lowStock: true,
    });
    expect(summarize({ ...base, sold: 25, available: 75, soldOutAt: null })).toMatchObject({
      sellThrough: 0.25,
      timeToSellOutMs: null,
      lowStock: false,
    });
    expect(
      summarize({ ...base, sale: null, initialStock: 0, restocked: 0, sold: 0 }),
    ).toMatchObject({
      sellThrough: 0,
      saleStartedAt: null,
      timeToSellOutMs: null,
    });
  });

  it('starts a window on a minute boundary, the current minute included', () => {
    expect(windowStart(new Date('2026-01-01T10:05:30Z'), 1)).toBe('2026-01-01T10:05:00.000Z');
    expect(windowStart(new Date('2026-01-01T10:05:30Z'), 60)).toBe('2026-01-01T09:06:00.000Z');
  });

  it('rates over the current and previous minute by elapsed time', () => {
    const buckets = [
      { minute: '2026-01-01T10:03:00.000Z', orders: 99, units: 99, revenueCents: 0 },
      { minute: '2026-01-01T10:04:00.000Z', orders: 60, units: 60, revenueCents: 0 },
      { minute: '2026-01-01T10:05:00.000Z', orders: 30, units: 30, revenueCents: 0 },
    ];
    expect(perMinute(buckets, new Date('2026-01-01T10:05:30Z'), (b) => b.orders)).toBe(60);
  });
});
