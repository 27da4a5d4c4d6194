import {
  CONSUMERS,
  isLowStock,
  type ChangeNotice,
  type ProductChanged,
  type ProductView,
  type ShopEvent,
} from '@scalemart/contracts';
import type { AnyBulkWriteOperation, Document } from 'mongodb';
import { bulkWrite, insertNew } from './bulkWrite.js';
import { applyOnce, type LedgerEntry } from '../ledger/ledger.js';
import { utc, type Projection, type ProjectionContext } from './projection.js';
import type { IdDoc } from './projection.js';

type Op = AnyBulkWriteOperation<IdDoc>;
type ProductDoc = ProductView & { _id: string; _soldOutAt?: string };

const NEW_PRODUCT = {
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
  _saleSeq: 0,
  _marks: 0,
};

/** Sale facts are last-writer-wins in stream order: the stream sequence guards them. */
function saleFact(productId: string, seq: number, set: Document): Op {
  return {
    updateOne: {
      filter: { _id: productId, _saleSeq: { $lt: seq } },
      update: { $set: { ...set, _saleSeq: seq } },
    },
  };
}

/** What one batch does to one product, folded so each product costs a few operations. */
interface Fold {
  updatedAt: string;
  soldOutAt?: string;
  stock?: { available: number; stockVersion: number };
  info?: Document;
  ops: Op[];
}

function fold(
  folds: Map<string, Fold>,
  event: ShopEvent,
  seq: number,
  ledger: LedgerEntry[],
): void {
  const at = utc(event.occurredAt);
  const productId = (event.data as { productId: string }).productId;
  const f = folds.get(productId) ?? { updatedAt: at, ops: [] };
  folds.set(productId, f);
  if (at > f.updatedAt) f.updatedAt = at;
  const stock = (available: number, stockVersion: number) => {
    if (!f.stock || stockVersion > f.stock.stockVersion) f.stock = { available, stockVersion };
  };
  switch (event.type) {
    case 'ProductCreated': {
      const { stockVersion, initialStock, imageUrl, name, description, priceCents, currency } =
        event.data;
      const info = { name, description, priceCents, currency, initialStock };
      f.info = imageUrl ? { ...info, imageUrl } : info;
      return stock(initialStock, stockVersion);
    }
    case 'SaleScheduled': {
      const { productId: _, ...sale } = event.data;
      f.ops.push(
        saleFact(productId, seq, {
          sale: { ...sale, startsAt: utc(sale.startsAt), endsAt: utc(sale.endsAt), endedAt: null },
        }),
      );
      return;
    }
    case 'SaleEnded':
      f.ops.push(saleFact(productId, seq, { 'sale.endedAt': utc(event.data.endedAt) }));
      return;
    case 'StockReplenished':
      ledger.push({
        mark: `restock:${event.id}`,
        rank: 1,
        contributions: [{ target: productId, inc: { restocked: event.data.quantity } }],
      });
      return stock(event.data.available, event.data.stockVersion);
    case 'StockReleased':
      return stock(event.data.available, event.data.stockVersion);
    case 'OrderPlaced': {
      const { orderId, quantity, availableAfter, stockVersion } = event.data;
      ledger.push({
        mark: `order:${orderId}`,
        rank: 1,
        contributions: [{ target: productId, inc: { pending: quantity } }],
      });
      // "First reached 0" is the earliest such event, whatever order they arrive in.
      if (availableAfter === 0 && (!f.soldOutAt || at < f.soldOutAt)) f.soldOutAt = at;
      return stock(availableAfter, stockVersion);
    }
    case 'OrderConfirmed':
    case 'OrderRejected': {
      const { orderId, quantity } = event.data;
      // A rejection still names the product: its mark must be found with the product's marks.
      const inc: Record<string, number> = event.type === 'OrderConfirmed' ? { sold: quantity } : {};
      const contributions = [{ target: productId, inc }];
      ledger.push({ mark: `order:${orderId}`, rank: 2, contributions });
      return;
    }
  }
}

/**
 * Per product, the parts that ride along with the ledger's one `_id` update: `$max`/`$min` commute
 * and the ProductCreated fields never change, so any order and repetition give the same result.
 */
function extraOf(f: Fold): Document {
  return {
    $max: { updatedAt: f.updatedAt },
    ...(f.soldOutAt ? { $min: { _soldOutAt: f.soldOutAt } } : {}),
    ...(f.info ? { $set: f.info } : {}),
  };
}

/**
 * The batch's highest stock fact per product becomes an immutable ledger mark; the highest version
 * among all of a product's marks sets `available`/`stockVersion` (the Lua script's version orders
 * stock facts, whatever the delivery order).
 */
function stockEntry(
  productId: string,
  stock: { available: number; stockVersion: number },
): LedgerEntry {
  return {
    mark: `stock:${productId}:${stock.stockVersion}`,
    rank: 1,
    contributions: [{ target: productId, inc: {} }],
    fact: { version: stock.stockVersion, set: { ...stock } },
  };
}

/**
 * products: price and sale window (stream-sequence guard), `available` from the highest stock
 * version seen, `restocked`/`pending`/`sold` through the exactly-once ledger (an order moves
 * placed -> confirmed|rejected), then the derived `lowStock` and `soldOutAt`.
 */
export const productsProjection: Projection = {
  model: 'products',
  durable: CONSUMERS.productsProjection,
  collections: (names) => [names.products, names.productsLedger],
  async prepare(ctx) {
    await ctx.db.collection(ctx.names.productsLedger).createIndex({ target: 1 });
  },
  async apply(ctx, batch) {
    const ledgerEntries: LedgerEntry[] = [];
    const folds = new Map<string, Fold>();
    for (const d of batch) fold(folds, d.event, d.streamSequence, ledgerEntries);
    const touched = [...folds.keys()];
    const products = ctx.db.collection<IdDoc>(ctx.names.products);
    // Missing products are inserted (cheap) rather than upserted (an update each).
    await insertNew(
      products,
      touched.map((productId) => ({ ...NEW_PRODUCT, productId, _id: productId })),
    );
    const saleFacts = [...folds.values()].flatMap((f) => f.ops);
    if (saleFacts.length > 0) await bulkWrite(products, saleFacts, { ordered: true });
    for (const [productId, f] of folds)
      if (f.stock) ledgerEntries.push(stockEntry(productId, f.stock));
    await applyOnce(
      {
        marks: ctx.db.collection(ctx.names.productsLedger),
        soleWriter: ctx.soleWriter?.ledger(ctx.names.productsLedger),
        targets: products,
        newTarget: (productId) => ({ ...NEW_PRODUCT, productId }),
      },
      ledgerEntries,
      new Map([...folds].map(([productId, f]) => [productId, extraOf(f)])),
    );
    const eventAt = new Map(
      batch.map((d) => [(d.event.data as { productId: string }).productId, d.event.occurredAt]),
    );
    return derive(ctx, touched, eventAt);
  },
};

/** lowStock and soldOutAt follow from the counters; written only when they change. */
async function derive(
  ctx: ProjectionContext,
  ids: string[],
  eventAt: Map<string, string>,
): Promise<ChangeNotice[]> {
  const products = ctx.db.collection<IdDoc>(ctx.names.products);
  const docs = (await products.find({ _id: { $in: ids } }).toArray()) as unknown as ProductDoc[];
  const ops: Op[] = [];
  const notices: ProductChanged[] = [];
  for (const doc of docs) {
    const lowStock = isLowStock(doc.available, doc.initialStock + doc.restocked);
    const soldOutAt = doc._soldOutAt ?? null;
    // `sale` is set here too: FerretDB v1 drops null fields from an upsert's $setOnInsert.
    if (lowStock !== doc.lowStock || soldOutAt !== doc.soldOutAt || doc.sale === undefined) {
      const sale = doc.sale ?? null;
      ops.push({
        updateOne: { filter: { _id: doc._id }, update: { $set: { lowStock, soldOutAt, sale } } },
      });
    }
    notices.push({
      kind: 'product',
      productId: String(doc._id),
      available: doc.available,
      pending: Math.max(0, doc.pending),
      sold: doc.sold,
      stockVersion: doc.stockVersion,
      eventAt: eventAt.get(String(doc._id)) ?? doc.updatedAt,
    });
  }
  await bulkWrite(products, ops);
  return notices;
}
