import { type SalesBucket } from '@scalemart/contracts';
import { minuteOf, utc, type Projection, type ReadModelDoc } from './projection.js';

/** A minute of confirmed sales of one product, or of all (`productId: null`). */
export type SalesDoc = SalesBucket & ReadModelDoc & { productId: string | null };

/** `_id` of a bucket: `<productId or *>|<minute ISO>` (READ_MODEL_COLLECTIONS' convention). */
export const bucketId = (productId: string | null, minute: string) =>
  `${productId ?? '*'}|${minute}`;

/**
 * sales: per-minute buckets of confirmed orders (orders, units, revenue), one per product and one
 * total. An order counts in the minute it was confirmed; an order has one OrderConfirmed in the
 * stream (confirm-orders publishes it under a Nats-Msg-Id derived from the orderId).
 */
export const salesProjection: Projection<SalesDoc> = {
  model: 'sales',
  eventTypes: ['OrderConfirmed'],
  idsOf(event) {
    if (event.type !== 'OrderConfirmed') return [];
    const minute = minuteOf(event.occurredAt);
    return [bucketId(event.data.productId, minute), bucketId(null, minute)];
  },
  evolve(doc, event, id) {
    if (event.type !== 'OrderConfirmed') throw new Error(`sales cannot fold ${event.type}`);
    const [product, minute] = id.split('|') as [string, string];
    const bucket = doc ?? {
      _id: id,
      _seq: 0,
      productId: product === '*' ? null : product,
      minute,
      orders: 0,
      units: 0,
      revenueCents: 0,
    };
    const { quantity, totalCents } = event.data;
    return {
      ...bucket,
      orders: bucket.orders + 1,
      units: bucket.units + quantity,
      revenueCents: bucket.revenueCents + totalCents,
    };
  },
  // One notice per minute: the total's bucket changes with every sale.
  notice: (doc, event) =>
    doc.productId === null
      ? { kind: 'sales', minute: doc.minute, eventAt: utc(event.occurredAt) }
      : undefined,
};
