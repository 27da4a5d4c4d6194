import { type OrderStatus, type OrderView, type ShopEvent } from '@scalemart/contracts';
import { utc, type Projection, type ReadModelDoc } from './projection.js';

/** `_h`: when each status was reached; status, history, placedAt and updatedAt follow from it. */
export type OrderDoc = OrderView & ReadModelDoc & { _h: Partial<Record<OrderStatus, string>> };

type OrderEvent = Extract<ShopEvent, { type: 'OrderPlaced' | 'OrderConfirmed' | 'OrderRejected' }>;
const STATUS_OF = {
  OrderPlaced: 'pending',
  OrderConfirmed: 'confirmed',
  OrderRejected: 'rejected',
} as const;
const isOrderEvent = (event: ShopEvent): event is OrderEvent => event.type in STATUS_OF;

/**
 * An order after one event. The status only moves forward (a final status never goes back), and
 * each status keeps the earliest time it was reached, so the same event told twice under two
 * stream sequences (OrderPlaced republished after the duplicate window) changes nothing.
 */
export function evolveOrder(doc: OrderDoc | undefined, event: OrderEvent): OrderDoc {
  const { orderId, userId, productId, quantity } = event.data;
  const next: OrderDoc = doc
    ? { ...doc, _h: { ...doc._h } }
    : {
        _id: orderId,
        _seq: 0,
        orderId,
        userId,
        productId,
        quantity,
        unitPriceCents: 0,
        totalCents: 0,
        currency: 'EUR',
        status: 'pending',
        history: [],
        placedAt: '',
        updatedAt: '',
        _h: {},
      };
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
  const h = next._h;
  next.status = h.confirmed ? 'confirmed' : h.rejected ? 'rejected' : 'pending';
  next.history = (['pending', 'confirmed', 'rejected'] as const).flatMap((s) =>
    h[s] ? [{ status: s, at: h[s] }] : [],
  );
  next.updatedAt = h[next.status] ?? next.history.at(-1)!.at;
  next.placedAt = h.pending ?? next.history[0]!.at;
  if (next.status !== 'rejected') delete next.rejectionReason;
  return next;
}

/** orders: one document per order (OrderView), `_id` = orderId. */
export const ordersProjection: Projection<OrderDoc> = {
  model: 'orders',
  eventTypes: ['OrderPlaced', 'OrderConfirmed', 'OrderRejected'],
  idsOf: (event) => (isOrderEvent(event) ? [event.data.orderId] : []),
  evolve: (doc, event) => evolveOrder(doc, event as OrderEvent),
  notice: (doc) => ({
    kind: 'order',
    orderId: doc.orderId,
    userId: doc.userId,
    productId: doc.productId,
    status: doc.status,
    eventAt: doc.updatedAt,
  }),
};
