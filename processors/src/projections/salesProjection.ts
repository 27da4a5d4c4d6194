import { CONSUMERS, type SalesChanged } from '@scalemart/contracts';
import { applyOnce, type LedgerEntry } from '../ledger/ledger.js';
import { minuteOf, utc, type Projection } from './projection.js';
import type { IdDoc } from './projection.js';

/** `_id` of a bucket: `<productId or *>|<minute ISO>` (READ_MODEL_COLLECTIONS' convention). */
export const bucketId = (productId: string | null, minute: string) =>
  `${productId ?? '*'}|${minute}`;

/**
 * sales: per-minute buckets of confirmed orders (orders, units, revenue), one per product and one
 * total (`productId: null`). A sale counts in the minute it was confirmed; the ledger counts each
 * order once whatever happens to its messages.
 */
export const salesProjection: Projection = {
  model: 'sales',
  durable: CONSUMERS.salesProjection,
  collections: (names) => [names.sales, names.salesLedger],
  async prepare(ctx) {
    await ctx.db.collection(ctx.names.salesLedger).createIndex({ target: 1 });
    await ctx.db.collection<IdDoc>(ctx.names.sales).createIndex({ minute: 1 });
  },
  async apply(ctx, batch) {
    const entries: LedgerEntry[] = [];
    const minutes = new Map<string, string>();
    for (const { event } of batch) {
      if (event.type !== 'OrderConfirmed') continue;
      const minute = minuteOf(event.occurredAt);
      const inc = { orders: 1, units: event.data.quantity, revenueCents: event.data.totalCents };
      entries.push({
        mark: `order:${event.data.orderId}`,
        rank: 1,
        contributions: [
          { target: bucketId(event.data.productId, minute), inc },
          { target: bucketId(null, minute), inc },
        ],
      });
      minutes.set(minute, utc(event.occurredAt));
    }
    if (entries.length === 0) return [];
    const sales = ctx.db.collection<IdDoc>(ctx.names.sales);
    await applyOnce(
      {
        marks: ctx.db.collection(ctx.names.salesLedger),
        soleWriter: ctx.soleWriter?.ledger(ctx.names.salesLedger),
        targets: sales,
        newTarget: (id) => {
          const [product, minute] = id.split('|') as [string, string];
          return {
            productId: product === '*' ? null : product,
            minute,
            orders: 0,
            units: 0,
            revenueCents: 0,
          };
        },
      },
      entries,
    );
    return [...minutes].map(([minute, eventAt]): SalesChanged => ({
      kind: 'sales',
      minute,
      eventAt,
    }));
  },
};
