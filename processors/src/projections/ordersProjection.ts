import { CONSUMERS, type OrderChanged, type OrderStatus, type OrderView, type ShopEvent } from '@scalemart/contracts';
import type { AnyBulkWriteOperation } from 'mongodb';
import { bulkWriteOnce } from './bulkWrite.js';
import { utc, type IdDoc, type Projection } from './projection.js';

type OrderEvent = Extract<ShopEvent, { type: 'OrderPlaced' | 'OrderConfirmed' | 'OrderRejected' }>;
/** `_h`: when each status was reached; `_v`: a version for compare-and-set between instances. */
type OrderDoc = OrderView & { _id: string; _h: Partial<Record<OrderStatus, string>>; _v: number };

const STATUS_OF = { OrderPlaced: 'pending', OrderConfirmed: 'confirmed', OrderRejected: 'rejected' } as const;

/**
 * Folds events into an order. The result depends only on the set of events seen, never on their
 * order or repetition: the status is the furthest one reached (final statuses never go back), the
 * history is rebuilt from `_h` in status order, and prices come from OrderPlaced whenever it came.
 */
export function foldOrder(doc: OrderDoc | undefined, events: OrderEvent[]): OrderDoc {
  const first = events[0]!.data;
  const next: OrderDoc = doc
    ? { ...doc, _h: { ...doc._h } }
    : {
        _id: first.orderId, orderId: first.orderId, userId: first.userId, productId: first.productId,
        quantity: first.quantity, unitPriceCents: 0, totalCents: 0, currency: 'EUR', status: 'pending',
        history: [], placedAt: '', updatedAt: '', _h: {}, _v: 0,
      };
  for (const event of events) {
    // The earliest time a status was reached wins, so even two events of one status (never sent by
    // confirm-orders, but possible from a hand-made history) fold the same in any order.
    const status = STATUS_OF[event.type];
    const at = utc(event.occurredAt);
    const seen = next._h[status];
    next._h[status] = seen !== undefined && seen < at ? seen : at;
    if (event.type === 'OrderPlaced') {
      const { unitPriceCents, totalCents, currency } = event.data;
      Object.assign(next, { unitPriceCents, totalCents, currency });
    }
    if (event.type === 'OrderConfirmed') next.totalCents = event.data.totalCents;
    if (event.type === 'OrderRejected') next.rejectionReason = event.data.reason;
  }
  const h = next._h;
  next.status = h.confirmed ? 'confirmed' : h.rejected ? 'rejected' : 'pending';
  next.history = (['pending', 'confirmed', 'rejected'] as const).flatMap((status) => (h[status] ? [{ status, at: h[status] }] : []));
  next.updatedAt = h[next.status] ?? next.history.at(-1)!.at;
  next.placedAt = h.pending ?? next.history[0]!.at;
  if (next.status !== 'rejected') delete next.rejectionReason;
  return next;
}

/** JSON with sorted keys: the database may hand fields back in another order than they were set. */
const canonical = (value: unknown): string =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`
    : Array.isArray(value) ? `[${value.map(canonical).join(',')}]` : JSON.stringify(value);
const same = (a: OrderDoc, b: OrderDoc) => canonical({ ...a, _v: 0 }) === canonical({ ...b, _v: 0 });

/**
 * orders: one document per order (OrderView). Each batch reads the orders it touches, folds the
 * events in and writes each changed order once: a new one with an insert, a known one with a
 * compare-and-set on `_v` (another instance may have written it meanwhile: re-read and fold again).
 */
export const ordersProjection: Projection = {
  model: 'orders',
  durable: CONSUMERS.ordersProjection,
  collections: (names) => [names.orders],
  async prepare(ctx) {
    await ctx.db.collection(ctx.names.orders).createIndex({ userId: 1, placedAt: -1 });
  },
  async apply(ctx, batch) {
    const byOrder = new Map<string, OrderEvent[]>();
    for (const { event } of batch) {
      if (!(event.type in STATUS_OF)) continue;
      const e = event as OrderEvent;
      byOrder.set(e.data.orderId, [...(byOrder.get(e.data.orderId) ?? []), e]);
    }
    if (byOrder.size === 0) return [];
    const orders = ctx.db.collection<IdDoc>(ctx.names.orders);
    const final = new Map<string, OrderDoc>();
    for (let attempt = 0; ; attempt += 1) {
      if (attempt === 6) throw new Error('orders kept changing under this batch; will retry');
      const docs = (await orders.find({ _id: { $in: [...byOrder.keys()] } }).toArray()) as unknown as OrderDoc[];
      const known = new Map(docs.map((doc) => [doc._id, doc]));
      const ops: AnyBulkWriteOperation<IdDoc>[] = [];
      for (const [orderId, events] of byOrder) {
        const before = known.get(orderId);
        const after = foldOrder(before, events);
        final.set(orderId, after);
        if (!before) ops.push({ insertOne: { document: after } });
        else if (!same(before, after)) {
          const { _id, _v, ...fields } = after;
          ops.push({ updateOne: { filter: { _id, _v }, update: { $set: { ...fields, _v: _v + 1 } } } });
        }
      }
      if (ops.length === 0) break;
      for (let i = 0; i < ops.length; i += 25) {
        await bulkWriteOnce(orders, ops.slice(i, i + 25), { ordered: false }).catch((error: { code?: number }) => {
          if (error.code !== 11000) throw error; // a concurrent insert: the next round folds again
        });
      }
      // The next round reads back: nothing left to write means every write landed.
    }
    return [...final.values()].map((doc): OrderChanged => ({
      kind: 'order', orderId: doc.orderId, userId: doc.userId, productId: doc.productId, status: doc.status, eventAt: doc.updatedAt,
    }));
  },
};
