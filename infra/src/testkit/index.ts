/** @scalemart/infra/testkit: a shared real stack per test run and a clean namespace per test. */
export { testStack, STACK_ENV, type StackInfo } from './stackInfo.js';
export { createTestNamespace, type TestNamespace } from './testNamespace.js';
export { waitFor, WaitTimeoutError } from './waitFor.js';
/** A consistent mixed history of products, orders, outcomes and restocks (tests and the bench). */
export { mixedHistory } from './mixedHistory.js';
/** The whole system (servers, services, gateway) for other projects' suites: see README, "Testing against ScaleMart". */
export {
  ScaleMart,
  MissingBuildError,
  type ScaleMartOptions,
  type RunningServers,
} from '../system/scaleMart.js';
export { ServiceProcess, ServiceStartError } from '../system/serviceProcess.js';
export { livePids } from '../system/liveChildren.js';
export type { ServiceKind } from '../system/services.js';
