import { newEvent, type ShopEvent } from '@scalemart/contracts';
import { recordTimes, storedAtMs, type OrderTimeline } from './orderTimeline.js';

const ctx = { aggregateId: 'o-1', correlationId: 'c', causationId: 'c' };
const line = { orderId: 'o-1', userId: 'u-1', productId: 'p-1', quantity: 1 };
const placed = newEvent(
  'OrderPlaced',
  2,
  {
    ...line,
    unitPriceCents: 50,
    totalCents: 50,
    currency: 'EUR',
    stockVersion: 2,
    availableAfter: 0,
  },
  ctx,
) as ShopEvent;
const at = (iso: string) => ({ ...ctx, occurredAt: new Date(iso) });

describe('recordTimes', () => {
  it('keeps the first OrderPlaced stored and the first outcome, with its occurredAt', () => {
    const timeline: OrderTimeline = new Map();
    recordTimes(timeline, placed, 1_000);
    const paid = newEvent(
      'OrderConfirmed',
      1,
      { ...line, totalCents: 50, paymentId: 'pay' },
      at('2026-12-02T10:00:00.300Z'),
    );
    recordTimes(timeline, paid, 1_305);
    recordTimes(timeline, placed, 9_000); // republished after the duplicate window
    recordTimes(timeline, paid, 9_001);
    expect(timeline.get('o-1')).toEqual({
      placedStoredAt: 1_000,
      outcome: 'confirmed',
      outcomeAt: Date.parse('2026-12-02T10:00:00.300Z'),
      outcomeStoredAt: 1_305,
    });
  });

  it('ignores events that are not an order’s', () => {
    const timeline: OrderTimeline = new Map();
    const released = newEvent(
      'StockReleased',
      1,
      {
        productId: 'p-1',
        orderId: 'o-1',
        userId: 'u-1',
        quantity: 1,
        available: 1,
        stockVersion: 3,
      },
      ctx,
    );
    recordTimes(timeline, released, 1_000);
    expect(timeline.size).toBe(0);
  });

  it('turns a JetStream timestamp (ns) into ms, keeping the µs', () => {
    expect(storedAtMs(1_764_669_600_123_456_789n)).toBe(1_764_669_600_123.456);
  });
});
