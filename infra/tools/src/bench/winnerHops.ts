import type { OrderTimeline } from './orderTimeline.js';

/**
 * A winner's path, hop by hop (each from the end of the one before), for orders accepted in the
 * measured load that were confirmed. Every time is wall-clock ms since the epoch; all processes run
 * on one machine, so one clock. A hop is `end - start` and may be negative: `acceptedToStored` is,
 * as long as the 202 waits for the PubAck (the order is stored before the shopper hears of it).
 */
export const HOPS = [
  /** 202 received by the bench -> OrderPlaced stored (JetStream timestamp; nats-server's clock). */
  'acceptedToStored',
  /** -> OrderConfirmed made (its occurredAt, processors' clock): the confirm consumer's queue + payment. */
  'storedToPaymentAnswered',
  /** -> OrderConfirmed stored (JetStream timestamp): the confirm step's publish. */
  'paymentAnsweredToConfirmedStored',
  /** -> the order's confirmed change notice reaches the bench: read model written, notice published. */
  'confirmedStoredToNotice',
  /** -> the sampled shopper's socket gets the confirmed `order` push (bench's clock at both ends). */
  'noticeToPushed',
] as const;
export type Hop = (typeof HOPS)[number];

/** null quantiles: no order had both ends of the hop. */
export interface HopFigure {
  p50: number | null;
  p99: number | null;
  samples: number;
}
export type HopsMs = Record<Hop, HopFigure>;

export interface WinnerTimes {
  /** Each 202 of the measured load: orderId -> when the bench received it. */
  acceptedAt: ReadonlyMap<string, number>;
  timeline: OrderTimeline;
  /** orderId -> when the bench received the order's first confirmed change notice. */
  noticeAt: ReadonlyMap<string, number>;
  /** orderId -> when a sampled shopper's socket received the confirmed push. */
  pushedAt: ReadonlyMap<string, number>;
}

/** p50 and p99 (nearest rank) of every hop of the winners' path. */
export function winnerHops(times: WinnerTimes): HopsMs {
  const samples = Object.fromEntries(HOPS.map((hop) => [hop, [] as number[]])) as Record<
    Hop,
    number[]
  >;
  const add = (hop: Hop, start: number | undefined, end: number | undefined) => {
    if (start !== undefined && end !== undefined) samples[hop].push(end - start);
  };
  for (const [orderId, acceptedAt] of times.acceptedAt) {
    const order = times.timeline.get(orderId);
    add('acceptedToStored', acceptedAt, order?.placedStoredAt);
    if (order?.outcome !== 'confirmed') continue;
    add('storedToPaymentAnswered', order.placedStoredAt, order.outcomeAt);
    add('paymentAnsweredToConfirmedStored', order.outcomeAt, order.outcomeStoredAt);
    const noticeAt = times.noticeAt.get(orderId);
    add('confirmedStoredToNotice', order.outcomeStoredAt, noticeAt);
    add('noticeToPushed', noticeAt, times.pushedAt.get(orderId));
  }
  return Object.fromEntries(HOPS.map((hop) => [hop, figure(samples[hop])])) as HopsMs;
}

function figure(values: number[]): HopFigure {
  if (values.length === 0) return { p50: null, p99: null, samples: 0 };
  const sorted = values.sort((a, b) => a - b);
  const at = (q: number) => {
    const value = sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
    return Math.round(value * 100) / 100;
  };
  return { p50: at(0.5), p99: at(0.99), samples: sorted.length };
}
