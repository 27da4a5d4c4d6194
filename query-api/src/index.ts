/**
 * @scalemart/query-api: REST reads of the read models and live Socket.IO pushes driven by the
 * processors' change notices on NATS.
 */

/** Builds the REST app from its dependencies (no listening, no globals). */
export { createApp, type AppDeps } from './app.js';
/** Starts one complete instance (REST + Socket.IO on one port); `close()` stops it cleanly. */
export { startQueryApi, type RunningQueryApi } from './startQueryApi.js';
/** The environment schema and its parser (`loadConfig({...process.env, PORT: '0'})` in tests). */
export { QueryApiEnv, loadConfig, type QueryApiConfig } from './config.js';
/** Prometheus metrics of one instance. */
export { createMetrics, type QueryMetrics } from './http/metrics.js';
/** Typed read-model collections and the index setup, for tools that seed or inspect them. */
export { readModels, ensureIndexes, type ReadModels } from './readModels/index.js';
