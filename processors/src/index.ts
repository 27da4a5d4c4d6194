/**
 * @scalemart/processors: confirm orders, project read models, replay the stream.
 * Other packages' tests (web e2e, bench) run the processors in-process with `startProcessors`.
 */
/** Starts every job (or `jobs`) against the given servers; `close()` shuts down gracefully. */
export {
  startProcessors,
  type ProcessorsConfig,
  type RunningProcessors,
  type Job,
} from './startProcessors.js';
/** The read-model projections (products, orders, sales) and their collection naming. */
export { PROJECTIONS } from './projections/index.js';
export { productsProjection } from './projections/productsProjection.js';
export { ordersProjection } from './projections/ordersProjection.js';
export { salesProjection, bucketId } from './projections/salesProjection.js';
export {
  collectionOf,
  type Projection,
  type ModelName,
  type ReadModelDoc,
} from './projections/projection.js';
/** Pays and emits OrderConfirmed/OrderRejected for one OrderPlaced (idempotent per order). */
export { confirmOrder } from './orders/confirmOrder.js';
/** The simulated payment gateway; `willDecline` predicts its answer for an orderId. */
export { simulatedGateway, willDecline, type PaymentGateway } from './orders/paymentGateway.js';
/** The consume -> decode -> handle -> ack/nak/term loop of independent messages (confirm-orders). */
export { runConsumer, type MessageHandler } from './consumer/runConsumer.js';
/** One decoded message of the stream, as handlers and folds receive it. */
export type { Delivery } from './delivery.js';
/** A projection's live writer: one active per durable, applying the stream in order. */
export { runProjection } from './consumer/runProjection.js';
/** Rebuilds read models from the stream into fresh collections and swaps them in. */
export { rebuild, type RebuildOptions, type RebuildReport } from './replay/rebuild.js';
/** Reads the event stream in order, filtered by type, aggregate, sequence or time (`npm run replay`). */
export { readStream, type StreamFilter, type StreamEntry } from './replay/readStream.js';
/** The processors' configuration from the environment, parsed once with zod. */
export { loadConfig, ProcessorsEnv } from './config.js';
