import type { ConsumerConfig } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import { CONSUMERS, type ShopEventType, type ShopNaming } from '@scalemart/contracts';

export type ConsumerDefinition = Partial<ConsumerConfig> & { durable_name: string };

const seconds = (...values: number[]) => values.map((value) => nanos(value * 1000));

/**
 * The durable pull consumers, one per job. Each reads only the event types it needs; several
 * processor instances on one durable share its work. Every message is settled explicitly, and
 * after max_deliver attempts the processor dead-letters it instead of blocking the consumer.
 */
export function consumerDefinitions(naming: ShopNaming): ConsumerDefinition[] {
  const filters = (...types: ShopEventType[]) => types.map((type) => naming.filterFor(type));
  const orderEvents = filters('OrderPlaced', 'OrderConfirmed', 'OrderRejected');
  const common = {
    max_deliver: 10,
    // Redelivery waits grow so a struggling database is not hammered; the first one also bounds
    // how long a crashed processor holds a message.
    backoff: seconds(10, 10, 20, 30, 60),
    max_ack_pending: 5_000,
    ack_wait: nanos(10_000),
  };
  return [
    {
      durable_name: CONSUMERS.confirmOrders,
      filter_subjects: filters('OrderPlaced'),
      ...common,
    },
    {
      durable_name: CONSUMERS.productsProjection,
      filter_subjects: [
        ...filters('ProductCreated', 'SaleScheduled', 'SaleEnded', 'StockReplenished', 'StockReleased'),
        ...orderEvents,
      ],
      ...common,
    },
    {
      durable_name: CONSUMERS.ordersProjection,
      filter_subjects: orderEvents,
      ...common,
    },
    {
      durable_name: CONSUMERS.salesProjection,
      filter_subjects: [...filters('ProductCreated', 'SaleScheduled', 'StockReplenished'), ...orderEvents],
      ...common,
    },
  ];
}
