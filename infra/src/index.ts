/**
 * @scalemart/infra: real servers on demand and the JetStream definitions.
 * Subpaths: `@scalemart/infra/streams` (ensureStreams only), `@scalemart/infra/testkit`.
 */
export {
  startStack,
  chooseStackKind,
  chooseTopology,
  StackChoiceError,
} from './stack/startStack.js';
export { LocalStack } from './stack/local.js';
export { ClusterStack, type ClusterNode } from './stack/clusterStack.js';
export { externalStack, ExternalStackError } from './stack/external.js';
export { startContainerStack, dockerAvailable, CONTAINER_IMAGES } from './stack/containers.js';
export { findBinary, MissingServerError } from './stack/binaries.js';
export type {
  Stack,
  StackKind,
  StackUrls,
  Topology,
  ServerProcess,
  LocalStackOptions,
  MongoStore,
} from './stack/types.js';
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
  RETIRED_PROJECTION_DURABLES,
  type ConsumerDefinition,
} from './consumers.js';
/** The one-origin gateway of `npm start`: web's build, /api and Socket.IO on one port. */
export { startGateway, type GatewayOptions, type RunningGateway } from './gateway/startGateway.js';
