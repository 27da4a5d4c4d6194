import type { ShopEvent } from '@scalemart/contracts';

/**
 * When an order's events happened, from the stream alone. Stored times are nats-server's wall
 * clock (the message timestamp JetStream sets when it stores the message, ns resolution);
 * `outcomeAt` is the event's `occurredAt`, the processors' wall clock (ms resolution).
 * All in ms since the epoch: every process of a bench runs on one machine and one wall clock.
 */
export interface OrderTimes {
  /** The first OrderPlaced stored (a republished copy is later, and not what the shopper waited for). */
  placedStoredAt?: number;
  /** The first outcome event, and the time it was made: for a confirmation, right after payment answered. */
  outcome?: 'confirmed' | 'rejected';
  outcomeAt?: number;
  /** That outcome event stored in the stream. */
  outcomeStoredAt?: number;
}

export type OrderTimeline = Map<string, OrderTimes>;

/** Adds one stream message (its event and its JetStream timestamp) to the timeline. */
export function recordTimes(timeline: OrderTimeline, event: ShopEvent, storedAtMs: number): void {
  if (
    event.type !== 'OrderPlaced' &&
    event.type !== 'OrderConfirmed' &&
    event.type !== 'OrderRejected'
  )
    return;
  let times = timeline.get(event.data.orderId);
  if (!times) {
    times = {};
    timeline.set(event.data.orderId, times);
  }
  if (event.type === 'OrderPlaced') {
    times.placedStoredAt ??= storedAtMs;
    return;
  }
  if (times.outcome) return;
  times.outcome = event.type === 'OrderConfirmed' ? 'confirmed' : 'rejected';
  times.outcomeAt = Date.parse(event.occurredAt);
  times.outcomeStoredAt = storedAtMs;
}

/** A JetStream message timestamp (ns since the epoch) in ms, keeping the µs. */
export const storedAtMs = (timestampNanos: bigint): number => Number(timestampNanos / 1000n) / 1000;
