/**
 * @scalemart/tools: what sits above the services. The whole system (servers, services, gateway)
 * for other projects' suites and web's browser tests: see README, "Testing against ScaleMart".
 */
export {
  ScaleMart,
  MissingBuildError,
  type ScaleMartOptions,
  type RunningServers,
} from './system/scaleMart.js';
export { ServiceProcess, ServiceStartError } from './system/serviceProcess.js';
export { livePids } from './system/liveChildren.js';
export type { ServiceKind } from './system/services.js';
/** The one-origin gateway of `npm start`: web's build, /api and Socket.IO on one port. */
export { startGateway, type GatewayOptions, type RunningGateway } from './gateway/startGateway.js';
