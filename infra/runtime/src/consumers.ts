import { AckPolicy, type ConsumerConfig } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import { CONSUMERS, type ShopNaming } from '@scalemart/contracts';

export type ConsumerDefinition = Partial<ConsumerConfig> & { durable_name: string };

const seconds = (...values: number[]) => values.map((value) => nanos(value * 1000));

/** The priority group a projection's writers pull in (the server pins one client of it). */
export const PROJECTION_WRITER_GROUP = 'writer';

/**
 * How long the pinned writer may go without pulling before a standby is pinned. The writer pulls
 * at least every 2 s (its pull expiry), so 6 s means it is gone, not idle.
 */
export const PROJECTION_PIN_TTL_MS = 6_000;

/**
 * The durable pull consumers, one per job. Every message is settled explicitly.
 *
 * confirm-orders: several instances share its work; after max_deliver attempts the processor
 * dead-letters a message instead of blocking the consumer. Its one filter subject (never a list:
 * nats-server's multi-filter path slows with the stream's subject count, one per order; measured
 * on 2.14.9, 9,000 events took 4.2 s through three order filters, 0.11 s through one).
 *
 * The projections apply the stream in order (acked all: one ack per run of messages): one durable
 * for every read model, one active writer
 * (the pinned client of its priority group) with hot standbys; no filter, so the durable's
 * sequences are the stream's and the
 * writer can tell it holds the next one (processors' runProjection); never given up on by the
 * server (a failing write is retried in place; poison is dead-lettered by the writer).
 */
export function consumerDefinitions(naming: ShopNaming): ConsumerDefinition[] {
  const common = {
    max_deliver: 10,
    // Redelivery waits grow so a struggling database is not hammered; the first one also bounds
    // how long a crashed processor holds a message.
    backoff: seconds(10, 10, 20, 30, 60),
    max_ack_pending: 5_000,
    ack_wait: nanos(10_000),
  };
  const projection = {
    ...common,
    max_deliver: -1,
    // The writer applies the stream in order, so one ack settles a whole run (and everything below).
    ack_policy: AckPolicy.All,
    priority_policy: 'pinned_client' as const,
    priority_groups: [PROJECTION_WRITER_GROUP],
    priority_timeout: nanos(PROJECTION_PIN_TTL_MS),
  };
  return [
    {
      durable_name: CONSUMERS.confirmOrders,
      filter_subject: naming.filterFor('OrderPlaced'),
      ...common,
    },
    { durable_name: CONSUMERS.projections, ...projection },
  ];
}

/** A consumer's filter subjects, however the server reports them (one, a list, or none). */
export function filtersOf(config: Partial<ConsumerConfig>): string[] {
  if (config.filter_subjects?.length) return [...config.filter_subjects];
  return config.filter_subject ? [config.filter_subject] : [];
}
