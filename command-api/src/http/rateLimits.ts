import type { ServerResponse } from 'node:http';
import { DomainError, sendProblem } from '@scalemart/runtime/service';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { rateLimit, type Options } from 'express-rate-limit';
import type { RedisClient } from '@scalemart/runtime/service';
import type { Logger as PinoLogger } from 'pino';
import { redisStore } from './rateLimitStore.js';

const rateLimited = (res: Pick<ServerResponse, 'getHeader'>, options: Options) => {
  const retryAfterSeconds = Number(
    res.getHeader('Retry-After') ?? Math.ceil(options.windowMs / 1000),
  );
  return new DomainError('rate_limited', 'Too many requests, try again later', {
    retryAfterSeconds,
  });
};

const tooMany: Options['handler'] = (_req, res, _next, options) => {
  res.locals.outcome = 'rate_limited';
  sendProblem(res, rateLimited(res, options));
};

/**
 * Sign-ups: per client address, 15-minute window (logins: auth/loginGuard.ts; purchases:
 * orders/purchaseLimit.ts). When Redis is down this limiter fails closed (503), as login does,
 * and nobody can buy during a Redis outage anyway.
 */
export function signupLimiter(
  redis: RedisClient,
  limit: number,
  logger: PinoLogger,
): RequestHandler {
  const limiter = rateLimit({
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: tooMany,
    logger: {
      error: (error: unknown, message?: string) =>
        logger.warn({ err: error }, message ?? 'rate limiter error'),
      warn: (error: unknown, message?: string) =>
        logger.warn({ err: error }, message ?? 'rate limiter warning'),
    },
    windowMs: 15 * 60_000,
    limit,
    store: redisStore(redis, 'rl:signup:'),
    passOnStoreError: false,
  });
  return (req: Request, res: Response, next: NextFunction) => {
    void limiter(req, res, (error?: unknown) => {
      if (error === undefined) return next();
      next(
        new DomainError('unavailable', 'Sign-in is unavailable right now', {
          retryAfterSeconds: 5,
          cause: error,
        }),
      );
    });
  };
}
