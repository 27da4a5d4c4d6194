import {
  CONSUMERS,
  type OrderChanged,
  type OrderStatus,
  type OrderView,
  type ShopEvent,
} from '@scalemart/contracts';
import type { AnyBulkWriteOperation } from 'mongodb';
import { bulkWrite, insertNew } from './bulkWrite.js';
import { utc, type IdDoc, type Projection, type ProjectionContext } from './projection.js';

type OrderEvent = Extract<ShopEvent, { type: 'OrderPlaced' | 'OrderConfirmed' | 'OrderRejected' }>;
/** `_h`: when each status was reached (the only state; everything else is derived from it). */
type OrderDoc = OrderView & { _id: string; _h: Partial<Record<OrderStatus, string>> };

const STATUS_OF = {
  OrderPlaced: 'pending',
  OrderConfirmed: 'confirmed',
  OrderRejected: 'rejected',
} as const;

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
        _id: first.orderId,
        orderId: first.orderId,
        userId: first.userId,
        productId: first.productId,
        quantity: first.quantity,
        unitPriceCents: 0,
        totalCents: 0,
        currency: 'EUR',
        status: 'pending',
        history: [],
        placedAt: '',
        updatedAt: '',
        _h: {},
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
  next.history = (['pending', 'confirmed', 'rejected'] as const).flatMap((status) =>
    h[status] ? [{ status, at: h[status] }] : [],
  );
  next.updatedAt = h[next.status] ?? next.history.at(-1)!.at;
  next.placedAt = h.pending ?? next.history[0]!.at;
  if (next.status !== 'rejected') delete next.rejectionReason;
  return next;
}

/** JSON with sorted keys: the database may hand fields back in another order than they were set. */
const canonical = (value: unknown): string =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? `{${Object.keys(value)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
        .join(',')}}`
    : Array.isArray(value)
      ? `[${value.map(canonical).join(',')}]`
      : JSON.stringify(value);
const same = (a: OrderDoc, b: OrderDoc) => canonical(a) === canonical(b);

/**
 * orders: one document per order (OrderView). Each batch reads the orders it touches once, folds
 * the events in and writes each changed order once: a new one with an insert, a known one with an
 * update filtered by `_id` alone. FerretDB v1 pushes down only a lone `_id` filter; anything more
 * (a compare-and-set on a version field) makes each update decode the whole collection, which made
 * a sale's confirmations crawl (measured at 1,000 orders: 13 ms per update by `_id`; decoding all
 * 1,000, as a second filter field makes it do, ~175 ms).
 *
 * Without compare-and-set, two instances may update one order at once. That stays exact because
 * every write is the fold of what its writer read plus its own events, and `_h` only grows:
 *  - `_h` is written with `$min` per status, so concurrent writers merge instead of overwriting;
 *  - an order has one placement and one outcome, so from any state at most one kind of news exists
 *    (an outcome for a pending order, a placement for an order known only by its outcome): every
 *    writer that has news computes the same next document, and one without news writes nothing;
 *  - two first writers both insert: the loser gets a duplicate key, reads the winner's document
 *    and folds again.
 */
export const ordersProjection: Projection = {
  model: 'orders',
  durable: CONSUMERS.ordersProjection,
  collections: (names) => [names.orders],
  async prepare(ctx) {
    await ctx.db.collection(ctx.names.orders).createIndex({ userId: 1, placedAt: -1 });
  },
  async apply(ctx, batch) {
    let pending = new Map<string, OrderEvent[]>();
    for (const { event } of batch) {
      if (!(event.type in STATUS_OF)) continue;
      const e = event as OrderEvent;
      pending.set(e.data.orderId, [...(pending.get(e.data.orderId) ?? []), e]);
    }
    const orders = ctx.db.collection<IdDoc>(ctx.names.orders);
    const final = new Map<string, OrderDoc>();
    for (let attempt = 0; pending.size > 0; attempt += 1) {
      if (attempt === 6) throw new Error('orders kept being inserted under this batch; will retry');
      const known = await read(ctx, [...pending.keys()], attempt);
      const inserts: OrderDoc[] = [];
      const updates: AnyBulkWriteOperation<IdDoc>[] = [];
      for (const [orderId, events] of pending) {
        const before = known.get(orderId);
        const after = foldOrder(before, events);
        final.set(orderId, after);
        if (!before) inserts.push(after);
        else if (!same(before, after)) updates.push(updateOf(after));
      }
      await bulkWrite(orders, updates, { ordered: false });
      const lost = await insertNew(orders, inserts as IdDoc[]);
      // An insert lost to another instance's: read that document and fold these events into it.
      pending = new Map([...pending].filter(([orderId]) => lost.has(orderId)));
    }
    const open = ctx.soleWriter?.openOrders;
    if (open) {
      for (const doc of final.values()) {
        if (doc.status === 'pending') open.set(doc._id, doc);
        else open.delete(doc._id);
      }
    }
    return [...final.values()].map((doc): OrderChanged => ({
      kind: 'order',
      orderId: doc.orderId,
      userId: doc.userId,
      productId: doc.productId,
      status: doc.status,
      eventAt: doc.updatedAt,
    }));
  },
};

/**
 * The orders of a batch that exist. One read per batch: an `$in` decodes the collection once, a
 * findOne per order would scan it each time. A sole writer (a rebuild) reads nothing at first: it
 * knows its open orders, and an order it closed that meets another event is found by its insert
 * failing, and read on the next attempt.
 */
async function read(
  ctx: ProjectionContext,
  ids: string[],
  attempt: number,
): Promise<Map<string, OrderDoc>> {
  const open = ctx.soleWriter?.openOrders;
  if (open && attempt === 0)
    return new Map(ids.flatMap((id) => (open.has(id) ? [[id, open.get(id) as OrderDoc]] : [])));
  const docs = (await ctx.db
    .collection<IdDoc>(ctx.names.orders)
    .find({ _id: { $in: ids } })
    .toArray()) as unknown as OrderDoc[];
  return new Map(docs.map((doc) => [doc._id, doc]));
}

/** The derived fields as they follow from `_h`, and `_h` itself merged with `$min` per status. */
function updateOf(doc: OrderDoc): AnyBulkWriteOperation<IdDoc> {
  const { _id, _h, ...fields } = doc;
  const $min = Object.fromEntries(Object.entries(_h).map(([status, at]) => [`_h.${status}`, at]));
  const $unset =
    doc.rejectionReason === undefined ? { $unset: { rejectionReason: 1 as const } } : {};
  return { updateOne: { filter: { _id }, update: { $set: fields, $min, ...$unset } } };
}
