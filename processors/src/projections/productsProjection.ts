import {
  isLowStock,
  replacesStock,
  SHOP_EVENT_TYPES,
  type ProductView,
  type ShopEvent,
} from '@scalemart/contracts';
import { utc, type Projection, type ReadModelDoc } from './projection.js';

/**
 * `_versions`: the stock versions already counted, as "every version up to `upTo`" plus the few
 * seen above it. Redis gives each stock change of a product the next version and publishes each
 * one, so they are dense and `seen` stays as short as the publishes racing each other.
 */
export type ProductDoc = ProductView &
  ReadModelDoc & { _versions: { upTo: number; seen: number[] } };

const NEW_PRODUCT: Omit<ProductDoc, '_id' | 'productId'> = {
  name: '',
  description: '',
  priceCents: 0,
  currency: 'EUR',
  sale: null,
  initialStock: 0,
  restocked: 0,
  available: 0,
  pending: 0,
  sold: 0,
  lowStock: false,
  soldOutAt: null,
  stockVersion: 0,
  updatedAt: new Date(0).toISOString(),
  _versions: { upTo: 0, seen: [] },
  _seq: 0,
};

type StockFact = Extract<
  ShopEvent,
  { type: 'ProductCreated' | 'StockReplenished' | 'StockReleased' | 'OrderPlaced' }
>;

/** The stock version an event carries, and `available` after it. */
function stockOf(event: StockFact): { version: number; available: number } {
  if (event.type === 'ProductCreated')
    return { version: event.data.stockVersion, available: event.data.initialStock };
  if (event.type === 'OrderPlaced')
    return { version: event.data.stockVersion, available: event.data.availableAfter };
  return { version: event.data.stockVersion, available: event.data.available };
}

/** `_versions` with `version` added, or undefined when it was counted already. */
function markSeen(
  { upTo, seen }: ProductDoc['_versions'],
  version: number,
): ProductDoc['_versions'] | undefined {
  if (version <= upTo || seen.includes(version)) return undefined;
  if (version === upTo + 1 && seen.length === 0) return { upTo: version, seen };
  const above = [...seen, version].sort((a, b) => a - b);
  while (above[0] === upTo + 1) upTo = above.shift()!;
  return { upTo, seen: above };
}

/**
 * A product after one event. Stock facts carry Redis's stock version: two command-apis may publish
 * them out of version order, so `available` is the one of the highest version, and a fact whose
 * version was counted (the same OrderPlaced republished after the duplicate window) counts no
 * more. Sale facts and order outcomes apply in stream order, once each.
 */
export function evolveProduct(
  doc: ProductDoc | undefined,
  event: ShopEvent,
  productId: string,
): ProductDoc {
  const next: ProductDoc = doc ? { ...doc } : { ...NEW_PRODUCT, productId, _id: productId };
  const at = utc(event.occurredAt);
  if (at > next.updatedAt) next.updatedAt = at;
  if ('stockVersion' in event.data) {
    const fact = event as StockFact;
    const { version, available } = stockOf(fact);
    const versions = markSeen(next._versions, version);
    if (!versions) return next;
    next._versions = versions;
    if (replacesStock({ stockVersion: version }, next))
      Object.assign(next, { stockVersion: version, available });
  }
  switch (event.type) {
    case 'ProductCreated': {
      const { name, description, priceCents, currency, initialStock, imageUrl } = event.data;
      Object.assign(
        next,
        { name, description, priceCents, currency, initialStock },
        imageUrl ? { imageUrl } : {},
      );
      break;
    }
    case 'SaleScheduled': {
      const { productId: _, ...sale } = event.data;
      next.sale = {
        ...sale,
        startsAt: utc(sale.startsAt),
        endsAt: utc(sale.endsAt),
        endedAt: null,
      };
      break;
    }
    case 'SaleEnded':
      if (next.sale) next.sale = { ...next.sale, endedAt: utc(event.data.endedAt) };
      break;
    case 'StockReplenished':
      next.restocked += event.data.quantity;
      break;
    case 'OrderPlaced':
      next.pending += event.data.quantity;
      // "First reached 0" is the earliest such placement, whatever order they were published in.
      if (event.data.availableAfter === 0 && (next.soldOutAt === null || at < next.soldOutAt))
        next.soldOutAt = at;
      break;
    case 'OrderConfirmed':
      next.pending -= event.data.quantity;
      next.sold += event.data.quantity;
      break;
    case 'OrderRejected':
      next.pending -= event.data.quantity;
      break;
  }
  next.lowStock = isLowStock(next.available, next.initialStock + next.restocked);
  return next;
}

/** products: one document per product (ProductView), `_id` = productId. */
export const productsProjection: Projection<ProductDoc> = {
  model: 'products',
  eventTypes: SHOP_EVENT_TYPES,
  // Every event of the flow names its product.
  idsOf: (event) => [event.data.productId],
  evolve: evolveProduct,
  notice: (doc, event) => ({
    kind: 'product',
    productId: doc.productId,
    available: doc.available,
    pending: Math.max(0, doc.pending),
    sold: doc.sold,
    stockVersion: doc.stockVersion,
    eventAt: utc(event.occurredAt),
  }),
};
