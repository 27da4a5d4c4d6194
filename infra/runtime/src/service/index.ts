/**
 * @scalemart/runtime/service: what every ScaleMart service shares — configuration from the
 * environment, connections, logs, domain errors as problem+json, and JWT access tokens.
 */
export { DomainError, type DomainErrorOptions } from './domainError.js';
export {
  sendProblem,
  prebuiltProblem,
  problemBody,
  parseWith,
  PROBLEM_TYPE,
} from './problemDetails.js';
export { answerError, problemMiddleware } from './answerError.js';
export { sendBody, sendJson, setListHeader, JSON_TYPE, type HeaderList } from './sendBody.js';
export {
  createAccessTokens,
  bearerToken,
  type AccessTokens,
  type AccessTokenOptions,
  type VerifiedClaims,
} from './accessTokens.js';
export { CoreServiceEnv, ServiceEnv, parseEnv, ConfigError } from './serviceEnv.js';
export { TokenEnv, requireJwtSecret, mintJwtSecret, MIN_JWT_SECRET_LENGTH } from './jwtSecret.js';
export { configOrExit } from './configOrExit.js';
export {
  connectNats,
  createRedis,
  connectMongo,
  seedList,
  type RedisClient,
} from './connections.js';
export { redisUnavailable } from './redisErrors.js';
export { createLogger } from './logger.js';
export { listExpressRoutes } from './expressRoutes.js';
export { methodNotAllowed, type KnownRoute } from './methodNotAllowed.js';
export { closeOnSignals, type ShutdownOptions } from './shutdown.js';
export {
  acceptHandedSockets,
  HANDED_SOCKET,
  isHandedSocket,
  type HandedSocketMessage,
} from './handedSockets.js';
export { metricsAccess, metricsRefused } from './metricsAccess.js';
export { isLoopback } from './loopback.js';
