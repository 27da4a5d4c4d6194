import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { Metrics } from './metrics.js';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request id: the caller's `x-request-id` when sane, else a new one. */
export const requestIdOf = (res: Response): string => res.locals.requestId as string;

/** The caller's `x-request-id` when sane, else a new one. */
export const requestIdFrom = (given: string | string[] | undefined): string =>
  typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();

/**
 * Gives each request an id (echoed in `x-request-id`, carried into events as correlationId),
 * times it into the latency histogram by route and outcome, and logs it at debug level: at
 * 20,000 requests a second an info line per request would cost more than the request.
 */
export function requestContext(metrics: Metrics, logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const requestId = requestIdFrom(req.headers['x-request-id']);
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
      const outcome = (res.locals.outcome as string | undefined) ?? String(res.statusCode);
      metrics.requests.observe({ method: req.method, route, outcome }, seconds);
      if (res.statusCode >= 500) {
        logger.warn(
          { requestId, method: req.method, url: req.originalUrl, status: res.statusCode, seconds },
          'request failed',
        );
      } else if (logger.isLevelEnabled('debug')) {
        logger.debug(
          {
            requestId,
            method: req.method,
            url: req.originalUrl,
            status: res.statusCode,
            outcome,
            seconds,
          },
          'request',
        );
      }
    });
    next();
  };
}
