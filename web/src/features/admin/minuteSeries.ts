import type { SalesBucket } from '@scalemart/contracts';

export const MINUTE_MS = 60_000;
/** How far back the sales floor's chart looks. */
export const CHART_MINUTES = 30;

/** One minute of the chart: when it starts (ms) and what it sold. */
export interface MinutePoint {
  minute: number;
  orders: number;
  units: number;
  revenueCents: number;
}

/** Buckets by the start of their minute (ms), so the REST snapshot and the pushes merge by key. */
export type MinuteBuckets = ReadonlyMap<number, SalesBucket>;

/** Adds or replaces buckets: a newer reading of a minute (the current one fills up) wins. */
export function mergeBuckets(into: MinuteBuckets, buckets: readonly SalesBucket[]): MinuteBuckets {
  const next = new Map(into);
  for (const bucket of buckets) next.set(Date.parse(bucket.minute), bucket);
  return next;
}

/**
 * The last `minutes` minutes up to and including the current one, oldest first; a minute with no
 * bucket sold nothing (the read model only holds minutes with sales).
 */
export function minuteSeries(
  buckets: MinuteBuckets,
  now: Date,
  minutes = CHART_MINUTES,
): MinutePoint[] {
  const current = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
  return Array.from({ length: minutes }, (_, i) => {
    const minute = current - (minutes - 1 - i) * MINUTE_MS;
    const bucket = buckets.get(minute);
    return {
      minute,
      orders: bucket?.orders ?? 0,
      units: bucket?.units ?? 0,
      revenueCents: bucket?.revenueCents ?? 0,
    };
  });
}

/** Drops minutes older than the chart can show, so a floor left open for days stays small. */
export function pruneBuckets(
  buckets: MinuteBuckets,
  now: Date,
  minutes = CHART_MINUTES,
): MinuteBuckets {
  const oldest = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS - minutes * MINUTE_MS;
  return new Map([...buckets].filter(([minute]) => minute >= oldest));
}

/** "14:05": a clock label in the viewer's time zone, 24-hour, for a per-minute axis. */
export function clockLabel(ms: number): string {
  return new Date(ms).toLocaleTimeString(undefined, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
}
