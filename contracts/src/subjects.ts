import type { ShopEventType } from './events/shopEvent.js';
import type { ChangeNotice } from './realtime/notices.js';

/** `shop.<aggregate>.<event>.<aggregateId>`: where each event type is published. */
const EVENT_SUBJECT_TOKENS: Record<ShopEventType, readonly [aggregate: string, event: string]> = {
  ProductCreated: ['product', 'created'],
  SaleScheduled: ['product', 'sale-scheduled'],
  SaleEnded: ['product', 'sale-ended'],
  StockReplenished: ['product', 'restocked'],
  StockReleased: ['product', 'stock-released'],
  OrderPlaced: ['order', 'placed'],
  OrderConfirmed: ['order', 'confirmed'],
  OrderRejected: ['order', 'rejected'],
};

export type NoticeKind = 'product' | 'order' | 'sales' | 'dead-letter';

/** Every name a deployment uses on NATS; a namespace keeps test runs and tenants apart. */
export interface ShopNaming {
  readonly namespace: string;
  /** Subject root, `shop` or `<namespace>.shop`. */
  readonly root: string;
  /** The one event stream, `SHOP` or `SHOP_<NAMESPACE>`. */
  readonly stream: string;
  /** Subjects the stream captures. Change notices are deliberately outside them. */
  readonly streamSubjects: readonly string[];
  /** Every order event (OrderPlaced, OrderConfirmed, OrderRejected): one filter subject. */
  readonly orderSubjects: string;
  subjectFor(type: ShopEventType, aggregateId: string): string;
  /** A filter subject matching every event of one type. */
  filterFor(type: ShopEventType): string;
  /** Core NATS subject of a change notice (never stored in the stream). */
  notice(kind: NoticeKind, id?: string): string;
  /** Where a notice is published: a product's under its id, an order's under its shopper's id. */
  subjectOfNotice(notice: ChangeNotice): string;
  /** Wildcard matching every change notice. */
  readonly allNotices: string;
}

/** Builds the naming of one deployment; an empty namespace gives the production names. */
export function shopNaming(namespace = ''): ShopNaming {
  if (namespace !== '' && !/^[a-z0-9]{1,32}$/.test(namespace)) {
    throw new Error(`namespace must be 1-32 lowercase letters or digits, got "${namespace}"`);
  }
  const root = namespace ? `${namespace}.shop` : 'shop';
  const stream = namespace ? `SHOP_${namespace.toUpperCase()}` : 'SHOP';
  const tokens = (type: ShopEventType) => EVENT_SUBJECT_TOKENS[type].join('.');
  const notice = (kind: NoticeKind, id?: string) =>
    id ? `${root}.notice.${kind}.${id}` : `${root}.notice.${kind}`;
  return {
    namespace,
    root,
    stream,
    streamSubjects: [`${root}.product.>`, `${root}.order.>`],
    orderSubjects: `${root}.order.>`,
    subjectFor: (type, aggregateId) => `${root}.${tokens(type)}.${aggregateId}`,
    filterFor: (type) => `${root}.${tokens(type)}.*`,
    notice,
    subjectOfNotice: (n) =>
      n.kind === 'product'
        ? notice('product', n.productId)
        : n.kind === 'order'
          ? notice('order', n.userId)
          : notice(n.kind),
    allNotices: `${root}.notice.>`,
  };
}
