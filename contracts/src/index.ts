/**
 * @scalemart/contracts: the one source of every shape ScaleMart exchanges. Types are inferred from
 * the zod schemas here and never written twice.
 */
export * from './ids.js';
export * from './envelope.js';
export * from './newEvent.js';
export * from './events/productEvents.js';
export * from './events/orderEvents.js';
export * from './events/shopEvent.js';
export * from './events/upcast.js';
export * from './commands/auth.js';
export * from './commands/orders.js';
export * from './commands/admin.js';
export * from './readModels/productView.js';
export * from './readModels/replacesStock.js';
export * from './readModels/orderView.js';
export * from './readModels/salesStats.js';
export * from './readModels/collections.js';
export * from './realtime/notices.js';
export * from './realtime/socketMessages.js';
export * from './subjects.js';
export * from './stream.js';
export * from './errors.js';
export * from './http/apiOperation.js';
export * from './http/apiSchemas.js';
export * from './http/openApiDocument.js';
export * from './http/documentedRoutes.js';
