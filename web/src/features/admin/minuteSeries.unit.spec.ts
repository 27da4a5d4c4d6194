import type { SalesBucket } from '@scalemart/contracts';
import { clockLabel, mergeBuckets, minuteSeries, pruneBuckets } from './minuteSeries.js';

const bucket = (minute: string, orders: number): SalesBucket => ({
  minute,
  orders,
  units: orders,
  revenueCents: orders * 100,
});
const NOW = new Date('2026-11-21T10:29:40.000Z');

describe('the sales floor by minute', () => {
  it('covers the last 30 minutes up to the current one, with the minutes that sold nothing as 0', () => {
    const buckets = mergeBuckets(new Map(), [
      bucket('2026-11-21T10:00:00.000Z', 3),
      bucket('2026-11-21T09:59:00.000Z', 9), // 31 minutes ago: off the chart
      bucket('2026-11-21T10:29:00.000Z', 2),
    ]);
    const series = minuteSeries(buckets, NOW);
    expect(series).toHaveLength(30);
    expect(new Date(series[0]!.minute).toISOString()).toBe('2026-11-21T10:00:00.000Z');
    expect(new Date(series[29]!.minute).toISOString()).toBe('2026-11-21T10:29:00.000Z');
    expect(series.map((p) => p.orders)).toEqual([3, ...new Array<number>(28).fill(0), 2]);
    expect(series[0]!.revenueCents).toBe(300);
  });

  it('fills the current minute as newer readings of it arrive', () => {
    let buckets = mergeBuckets(new Map(), [bucket('2026-11-21T10:29:00.000Z', 2)]);
    buckets = mergeBuckets(buckets, [bucket('2026-11-21T10:29:00.000Z', 5)]);
    expect(minuteSeries(buckets, NOW).at(-1)!.orders).toBe(5);
    // The next minute starts empty, and the one before keeps what it sold.
    const next = minuteSeries(buckets, new Date('2026-11-21T10:30:01.000Z'));
    expect(next.slice(-2).map((p) => p.orders)).toEqual([5, 0]);
  });

  it('forgets minutes the chart no longer shows', () => {
    const buckets = mergeBuckets(new Map(), [
      bucket('2026-11-21T09:00:00.000Z', 1),
      bucket('2026-11-21T10:10:00.000Z', 1),
    ]);
    expect([...pruneBuckets(buckets, NOW).keys()]).toEqual([
      Date.parse('2026-11-21T10:10:00.000Z'),
    ]);
  });

  it('labels minutes with a 24-hour clock, no seconds', () => {
    expect(clockLabel(new Date(2026, 10, 21, 14, 5, 0).getTime())).toMatch(/^14[:.]05$/);
    expect(clockLabel(new Date(2026, 10, 21, 9, 0, 0).getTime())).toMatch(/^09[:.]00$/);
  });
});
