/**
 * MongoDB collections of the read side. Documents use the entity id as `_id` and hold the
 * contracts' view fields; fields starting with `_` are the projector's bookkeeping (guards),
 * which query-api never returns.
 *
 * - products: ProductView, `_id` = productId
 * - orders: OrderView, `_id` = orderId
 * - sales: SalesBucket + productId (null for the total), `_id` = `<productId or *>|<minute ISO>`
 * - dead_letters: DeadLetter, `_id` = id
 */
export const READ_MODEL_COLLECTIONS = {
  products: 'products',
  orders: 'orders',
  sales: 'sales',
  deadLetters: 'dead_letters',
} as const;
export type ReadModelCollection =
  (typeof READ_MODEL_COLLECTIONS)[keyof typeof READ_MODEL_COLLECTIONS];
