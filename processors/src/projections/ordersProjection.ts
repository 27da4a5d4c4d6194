import { CONSUMERS, type OrderChanged, type OrderStatus, type OrderView, type ShopEvent } from '@scalemart/contracts';
import type { AnyBulkWriteOperation, Document } from 'mongodb';
import { bulkWrite } from './bulkWrite.js';
import { utc, type Projection } from './projection.js';
import type { IdDoc } from './projection.js';

type Op = AnyBulkWriteOperation<IdDoc>;
type OrderDoc = OrderView & { _id: string; _h?: Partial<Record<OrderStatus, string>> };
type OrderEvent = Extract<ShopEvent, { type: 'OrderPlaced' | 'OrderConfirmed' | 'OrderRejected' }>;

const RANK: Record<OrderStatus, number> = { pending: 1, confirmed: 2, rejected: 2 };
const STATUS_OF = { OrderPlaced: 'pending', OrderConfirmed: 'confirmed', OrderRejected: 'rejected' } as const;

function writesFor(event: OrderEvent): Op[] {
  const at = utc(event.occurredAt);
  const { orderId, userId, productId, quantity } = event.data;
  const status = STATUS_OF[event.type];
  const ensure: Op = {
    updateOne: {
      filter: { _id: orderId },
      update: {
        $setOnInsert: {
          orderId, userId, productId, quantity, unitPriceCents: 0, totalCents: 0, currency: 'EUR',
          status: 'pending', history: [], placedAt: at, updatedAt: at, _rank: 0, _h: {},
        },
      },
      upsert: true,
    },
  };
  // When each status was reached; idempotent, and the history is rebuilt from it in rank order.
  const facts: Document = { [`_h.${status}`]: at };
  if (event.type === 'OrderPlaced') {
    const { unitPriceCents, totalCents, currency } = event.data;
    Object.assign(facts, { unitPriceCents, totalCents, currency, placedAt: at });
  }
  if (event.type === 'OrderConfirmed') facts.totalCents = event.data.totalCents;
  const transition: Document = { status, _rank: RANK[status], updatedAt: at };
  if (event.type === 'OrderRejected') transition.rejectionReason = event.data.reason;
  return [
    ensure,
    { updateOne: { filter: { _id: orderId }, update: { $set: facts } } },
    // The status only moves forward: a late or redelivered OrderPlaced never undoes a final status.
    { updateOne: { filter: { _id: orderId, _rank: { $lt: RANK[status] } }, update: { $set: transition } } },
  ];
}

const historyOf = (h: Partial<Record<OrderStatus, string>>) =>
  (['pending', 'confirmed', 'rejected'] as const).flatMap((status) => (h[status] ? [{ status, at: h[status] }] : []));

/** orders: one document per order (OrderView) with its status history; per-user notices. */
export const ordersProjection: Projection = {
  model: 'orders',
  durable: CONSUMERS.ordersProjection,
  collections: (names) => [names.orders],
  async prepare(ctx) {
    await ctx.db.collection<IdDoc>(ctx.names.orders).createIndex({ userId: 1, placedAt: -1 });
  },
  async apply(ctx, batch) {
    const events = batch.map((d) => d.event).filter((e): e is OrderEvent => e.type in STATUS_OF);
    if (events.length === 0) return [];
    const orders = ctx.db.collection<IdDoc>(ctx.names.orders);
    await bulkWrite(orders, events.flatMap(writesFor), { ordered: true });
    const ids = [...new Set(events.map((e) => e.data.orderId))];
    const docs = (await orders.find({ _id: { $in: ids } }).toArray()) as unknown as OrderDoc[];
    const ops: Op[] = [];
    const notices: OrderChanged[] = [];
    for (const doc of docs) {
      const history = historyOf(doc._h ?? {});
      if (JSON.stringify(history) !== JSON.stringify(doc.history)) {
        ops.push({ updateOne: { filter: { _id: doc._id }, update: { $set: { history } } } });
      }
      notices.push({
        kind: 'order', orderId: doc.orderId, userId: doc.userId, productId: doc.productId,
        status: doc.status, eventAt: doc.updatedAt,
      });
    }
    await bulkWrite(orders, ops);
    return notices;
  },
};
