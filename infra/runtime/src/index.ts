/**
 * @scalemart/runtime: what the services run on. This entry holds the JetStream stream and
 * consumer definitions; subpaths `@scalemart/runtime/service` (configuration, connections, logs,
 * problem+json, tokens) and `@scalemart/runtime/writeModel` (the write side's state in Redis).
 */
export {
  ensureStreams,
  shopStreamConfig,
  StreamConfigError,
  type EnsureReport,
} from './streams.js';
export {
  consumerDefinitions,
  filtersOf,
  PROJECTION_WRITER_GROUP,
  PROJECTION_PIN_TTL_MS,
  type ConsumerDefinition,
} from './consumers.js';
