import type { ConsumerConfig } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import { CONSUMERS, type ShopNaming } from '@scalemart/contracts';

export type ConsumerDefinition = Partial<ConsumerConfig> & { durable_name: string };

const seconds = (...values: number[]) => values.map((value) => nanos(value * 1000));

/**
 * The durable pull consumers, one per job; several processor instances on one durable share its
 * work. Every message is settled explicitly, and after max_deliver attempts the processor
 * dead-letters it instead of blocking the consumer.
 *
 * Each durable has one filter subject or none, never a list: every order has a subject of its own,
 * and nats-server's multi-filter path slows down with the number of subjects in the stream
 * (measured on 2.14.9: reading 9,000 events took 4.2 s through the three order filters, 0.11 s
 * through `order.>`; 18,000 took 15 s: it grows with the square). A projection that needs most
 * event types reads them all and skips the rest (the skipped ones cost microseconds).
 */
/** The priority group a projection's writers pull in (the server pins one client of it). */
export const PROJECTION_WRITER_GROUP = 'writer';

/**
 * How long the pinned writer may go without pulling before a standby is pinned. The writer pulls
 * at least every 2 s (its pull expiry), so 6 s means it is gone, not idle.
 */
export const PROJECTION_PIN_TTL_MS = 6_000;

export function consumerDefinitions(naming: ShopNaming): ConsumerDefinition[] {
  const common = {
    max_deliver: 10,
    // Redelivery waits grow so a struggling database is not hammered; the first one also bounds
    // how long a crashed processor holds a message.
    backoff: seconds(10, 10, 20, 30, 60),
    max_ack_pending: 5_000,
    ack_wait: nanos(10_000),
  };
  // A projection applies the stream in order, so it has one active writer (the pinned client of
  // its priority group) and hot standbys, reads every event (its writer checks it holds the next
  // stream sequence: see processors' runProjection) and is never given up on by the server (a
  // failing write is retried in place; poison is dead-lettered by the writer).
  const projection = {
    ...common,
    max_deliver: -1,
    priority_policy: 'pinned_client' as const,
    priority_groups: [PROJECTION_WRITER_GROUP],
    priority_timeout: nanos(PROJECTION_PIN_TTL_MS),
  };
  return [
    { durable_name: CONSUMERS.confirmOrders, filter_subject: naming.filterFor('OrderPlaced'), ...common },
    { durable_name: CONSUMERS.productsProjection, ...projection },
    { durable_name: CONSUMERS.ordersProjection, ...projection },
    { durable_name: CONSUMERS.salesProjection, ...projection },
  ];
}

/** A consumer's filter subjects, however the server reports them (one, a list, or none). */
export function filtersOf(config: Partial<ConsumerConfig>): string[] {
  if (config.filter_subjects?.length) return [...config.filter_subjects];
  return config.filter_subject ? [config.filter_subject] : [];
}
