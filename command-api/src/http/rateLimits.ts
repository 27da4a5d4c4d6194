import { DomainError, sendProblem } from '@scalemart/infra/service';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { rateLimit, type Options } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import type { Logger as PinoLogger } from 'pino';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import { userOf } from '../auth/authenticate.js';

export const redisStore = (redis: Redis, prefix: string) =>
  new RedisStore({
    // Through ioredis, so the deployment's keyPrefix applies and the connection is shared.
    sendCommand: (command: string, ...args: string[]) =>
      redis.call(command, ...args) as Promise<RedisReply>,
    prefix,
  });

const tooMany: Options['handler'] = (req, res, _next, options) => {
  const retryAfterSeconds = Number(
    res.getHeader('Retry-After') ?? Math.ceil(options.windowMs / 1000),
  );
  res.locals.outcome = 'rate_limited';
  sendProblem(
    res,
    new DomainError('rate_limited', 'Too many requests, try again later', { retryAfterSeconds }),
  );
};

const common = (logger: PinoLogger) =>
  ({
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: tooMany,
    logger: {
      error: (error: unknown, message?: string) =>
        logger.warn({ err: error }, message ?? 'rate limiter error'),
      warn: (error: unknown, message?: string) =>
        logger.warn({ err: error }, message ?? 'rate limiter warning'),
    },
  }) as const;

/**
 * Purchases: per user (the token's subject), shared by every instance through Redis.
 * When Redis is down this limiter lets the request through (fail open): the reservation needs
 * Redis anyway and answers 503 itself, so failing closed would only change the error's name.
 */
export function purchaseLimiter(redis: Redis, limit: number, logger: PinoLogger): RequestHandler {
  return rateLimit({
    ...common(logger),
    windowMs: 60_000,
    limit,
    store: redisStore(redis, 'rl:purchase:'),
    keyGenerator: (_req, res) => userOf(res).sub,
    passOnStoreError: true,
    validate: { singleCount: false },
  });
}

/**
 * Sign-ups: per client address, 15-minute window (logins: auth/loginGuard.ts). When Redis is
 * down this limiter fails closed (503), as login does, and nobody can buy during a Redis outage
 * anyway.
 */
export function signupLimiter(redis: Redis, limit: number, logger: PinoLogger): RequestHandler {
  const limiter = rateLimit({
    ...common(logger),
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
