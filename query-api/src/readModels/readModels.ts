import {
  READ_MODEL_COLLECTIONS,
  type DeadLetter,
  type OrderView,
  type ProductView,
  type SalesBucket,
} from '@scalemart/contracts';
import type { Collection, Db } from 'mongodb';

/** Stored documents: the contract view plus `_id` and the projector's `_`-prefixed bookkeeping. */
export type Stored<T> = T & { _id: string } & Record<`_${string}`, unknown>;
export type SalesDoc = SalesBucket & { productId: string | null };

export interface ReadModels {
  products: Collection<Stored<ProductView>>;
  orders: Collection<Stored<OrderView>>;
  sales: Collection<Stored<SalesDoc>>;
  deadLetters: Collection<Stored<DeadLetter>>;
}

/** Typed handles on the read-model collections the processors write. */
export function readModels(db: Db): ReadModels {
  return {
    products: db.collection(READ_MODEL_COLLECTIONS.products),
    orders: db.collection(READ_MODEL_COLLECTIONS.orders),
    sales: db.collection(READ_MODEL_COLLECTIONS.sales),
    deadLetters: db.collection(READ_MODEL_COLLECTIONS.deadLetters),
  };
}

/** Drops `_id` and every `_`-prefixed bookkeeping field: APIs return the view fields only. */
export function toView<T>(doc: Stored<T> | T): T {
  const view: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc as Record<string, unknown>)) {
    if (!key.startsWith('_')) view[key] = value;
  }
  return view as T;
}
