import type { ChangeNotice, ConsumerName } from '@scalemart/contracts';
import type { Db } from 'mongodb';
import type { TargetTally } from '../ledger/ledger.js';
import type { Delivery } from '../consumer/runConsumer.js';

export type ModelName = 'products' | 'orders' | 'sales';

/** The collections a projection writes: the live ones, or a rebuild's fresh ones (with a suffix). */
export interface CollectionNames {
  products: string;
  productsLedger: string;
  orders: string;
  sales: string;
  salesLedger: string;
}

/** Live names are READ_MODEL_COLLECTIONS'; a rebuild writes `<name><suffix>` and renames at the end. */
export function collectionNames(suffix = ''): CollectionNames {
  return {
    products: `products${suffix}`,
    productsLedger: `products_ledger${suffix}`,
    orders: `orders${suffix}`,
    sales: `sales${suffix}`,
    salesLedger: `sales_ledger${suffix}`,
  };
}

export interface ProjectionContext {
  db: Db;
  names: CollectionNames;
  /** Present only when the caller is the one writer of `names` (a rebuild into fresh collections). */
  soleWriter?: SoleWriterMemory;
  /** Unused since the ledger became insert-only (nothing left half-done to expire); kept so
   *  `LEDGER_STALE_PLAN_MS` and existing callers stay valid. */
  stalePlanMs: number;
}

/** One read model: which durable feeds it, which collections it owns, and how a batch lands. */
export interface Projection {
  model: ModelName;
  durable: ConsumerName;
  collections(names: CollectionNames): string[];
  /** Creates the indexes the projection and query-api need (idempotent). */
  prepare(ctx: ProjectionContext): Promise<void>;
  /** Writes a batch idempotently; returns the change notices to publish once written. */
  apply(ctx: ProjectionContext, batch: Delivery[]): Promise<ChangeNotice[]>;
}

/** `2026-01-01T10:01:59.123Z` -> `2026-01-01T10:01:00.000Z`. */
export function minuteOf(at: string): string {
  const date = new Date(at);
  date.setUTCSeconds(0, 0);
  return date.toISOString();
}

/** ISO timestamps normalised to UTC `Z` form, so `$max`/`$min` compare them as strings correctly. */
export function utc(at: string): string {
  return new Date(at).toISOString();
}

/** Read-model documents use the entity id (a string) as `_id`. */
export interface IdDoc {
  _id: string;
  /** How many ledger marks a counter document's values were computed from (the write guard). */
  _marks?: number;
  [field: string]: unknown;
}

/**
 * What a sole writer remembers of its own writes, so a rebuild never reads back what it wrote
 * (on FerretDB v1 any read but a lone `_id` decodes the whole collection, growing with the rebuild).
 */
export class SoleWriterMemory {
  private readonly ledgers = new Map<string, Map<string, TargetTally>>();
  /** Orders written and not final yet, by id: the only ones a later event is expected to change. */
  readonly openOrders = new Map<string, IdDoc>();

  ledger(collection: string): Map<string, TargetTally> {
    const tallies = this.ledgers.get(collection) ?? new Map<string, TargetTally>();
    this.ledgers.set(collection, tallies);
    return tallies;
  }
}
