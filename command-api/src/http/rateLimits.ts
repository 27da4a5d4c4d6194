import type { IncomingMessage, ServerResponse } from 'node:http';
import { DomainError, sendProblem } from '@scalemart/runtime/service';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { rateLimit, type Options } from 'express-rate-limit';
import type { RedisClient } from '@scalemart/runtime/service';
import type { Logger as PinoLogger } from 'pino';
import { Cluster } from 'ioredis';
import { RedisStore, type RedisReply, type SendCommandClusterDetails } from 'rate-limit-redis';
import { userOf } from '../auth/authenticate.js';
import { indexOfHeader, type HeaderList } from './leanResponse.js';

/**
 * On Redis Cluster the store's script must be on the master that runs it: SCRIPT LOAD (no key, so
 * ioredis would pick any node) goes to every master; EVALSHA is routed by its key. A master
 * promoted by a failover has no scripts: the store's NOSCRIPT retry loads them everywhere again.
 */
const sendToCluster =
  (cluster: Cluster) =>
  async ({ command: [name, ...args] }: SendCommandClusterDetails): Promise<RedisReply> => {
    const masters = cluster.nodes('master');
    // Before the slots are known there is no master to ask: the cluster queues the command until
    // it is ready, and a master that lacks the script later answers NOSCRIPT, which loads it again.
    if (name?.toUpperCase() !== 'SCRIPT' || masters.length === 0) {
      return cluster.call(name!, ...args) as Promise<RedisReply>;
    }
    const replies = await Promise.all(
      masters.map((node) => node.call(name, ...args) as Promise<RedisReply>),
    );
    return replies[0]!;
  };

export const redisStore = (redis: RedisClient, prefix: string) =>
  redis instanceof Cluster
    ? new RedisStore({ sendCommandCluster: sendToCluster(redis), prefix })
    : new RedisStore({
        // Through ioredis, so the deployment's keyPrefix applies and the connection is shared.
        sendCommand: (command: string, ...args: string[]) =>
          redis.call(command, ...args) as Promise<RedisReply>,
        prefix,
      });

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
export function purchaseLimiter(
  redis: RedisClient,
  limit: number,
  logger: PinoLogger,
): RequestHandler {
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
 * Counts one purchase of `userId`; resolves to the 429 to answer, or undefined to go on. The
 * limiter's headers (RateLimit, RateLimit-Policy, Retry-After) are added to `headers`.
 */
export type LeanLimiter = (
  req: IncomingMessage,
  headers: HeaderList,
  userId: string,
) => Promise<DomainError | undefined>;

const USER = Symbol('rate-limited user');
const REFUSAL = Symbol('rate limit refusal');
type Marked = IncomingMessage & { [USER]?: string; [REFUSAL]?: DomainError };

/**
 * The purchase limiter for the lean route (no Express request): the same express-rate-limit
 * over rate-limit-redis, counting under the same keys, so both routes share one budget per user.
 * express-rate-limit only reads the headers and writes them with setHeader, which node:http has.
 */
export function leanPurchaseLimiter(
  redis: RedisClient,
  limit: number,
  logger: PinoLogger,
): LeanLimiter {
  const limiter = rateLimit({
    ...common(logger),
    windowMs: 60_000,
    limit,
    store: redisStore(redis, 'rl:purchase:'),
    keyGenerator: (req) => (req as unknown as Marked)[USER]!,
    handler: (req, res, next, options) => {
      (req as unknown as Marked)[REFUSAL] = rateLimited(res, options);
      next();
    },
    passOnStoreError: true,
    validate: { singleCount: false },
  });
  return (req: Marked, headers, userId) => {
    req[USER] = userId;
    const res = headerRecorder(headers);
    return new Promise((resolve, reject) => {
      const next = (error?: unknown) => {
        if (error === undefined) return resolve(req[REFUSAL]);
        // The limiter passes on whatever its store threw: an Error as is, anything else inside one.
        reject(error instanceof Error ? error : new Error('rate limiter failed', { cause: error }));
      };
      void limiter(req as unknown as Request, res as unknown as Response, next);
    });
  };
}

/**
 * Where express-rate-limit writes its headers on the lean route: into the answer's header list,
 * not the response. A header set on a node:http response sends the later `writeHead(status,
 * list)` down its slow path (every header of the list removed and appended one by one), which
 * was the top frame of an accepted purchase's profile. The limiter only reads `headersSent` and
 * calls `setHeader`; the 429 handler reads `Retry-After` back.
 */
function headerRecorder(headers: HeaderList) {
  return {
    headersSent: false,
    setHeader(name: string, value: unknown) {
      const at = indexOfHeader(headers, name);
      if (at === -1) headers.push(name, String(value));
      else headers[at + 1] = String(value);
    },
    getHeader(name: string) {
      const at = indexOfHeader(headers, name);
      return at === -1 ? undefined : headers[at + 1];
    },
  };
}

/**
 * Sign-ups: per client address, 15-minute window (logins: auth/loginGuard.ts). When Redis is
 * down this limiter fails closed (503), as login does, and nobody can buy during a Redis outage
 * anyway.
 */
export function signupLimiter(
  redis: RedisClient,
  limit: number,
  logger: PinoLogger,
): RequestHandler {
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
