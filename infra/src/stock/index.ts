/**
 * @scalemart/infra/stock: the write side's state in Redis (stock, sale windows, buyers, outbox),
 * changed only by atomic Lua scripts, and the outbox publisher and relay.
 */
export {
  StockStore,
  type ReserveResult,
  type ReserveRefusal,
  type AdminResult,
  type StockSnapshot,
} from './stockStore.js';
export { publishFromOutbox, relayOutbox, startOutboxRelay, type OutboxDeps } from './outbox.js';
export { stockKeys, PRODUCTS_KEY } from './keys.js';
export { durabilityPointOf, type DurabilityPoint } from './durabilityPoint.js';
