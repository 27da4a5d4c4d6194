/**
 * @scalemart/testkit: real servers on demand (local, Testcontainers, external), a shared stack per
 * test run (`@scalemart/testkit/globalSetup`, `/globalTeardown`) and a clean namespace per test.
 */
export { testStack, STACK_ENV, type StackInfo } from './stackInfo.js';
export { createTestNamespace, type TestNamespace } from './testNamespace.js';
export { waitFor, WaitTimeoutError } from './waitFor.js';
/** A consistent mixed history of products, orders, outcomes and restocks (tests and the bench). */
export { mixedHistory } from './mixedHistory.js';
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
export { freePort } from './stack/freePort.js';
export { alive, recordStack, forgetStack } from './stack/processRegistry.js';
export type {
  Stack,
  StackKind,
  StackUrls,
  Topology,
  ServerProcess,
  LocalStackOptions,
  MongoStore,
} from './stack/types.js';
