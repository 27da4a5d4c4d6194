/**
 * @scalemart/runtime/writeModel: the write side's state in Redis (stock, sale windows, buyers, outbox),
 * changed only by atomic Lua scripts, and the outbox publisher and relay.
 */
export {
  WriteModel,
  type ReserveResult,
  type ReserveRefusal,
  type AdminResult,
  type StockSnapshot,
} from './writeModel.js';
export { publishFromOutbox, relayOutbox, startOutboxRelay, type OutboxDeps } from './outbox.js';
export { stockKeys, PRODUCTS_KEY } from './keys.js';
export { durabilityPointOf, type DurabilityPoint } from './durabilityPoint.js';
