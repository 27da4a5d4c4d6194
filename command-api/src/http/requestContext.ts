import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { RequestObserver } from './requestObserver.js';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request id: the caller's `x-request-id` when sane, else a new one. */
export const requestIdOf = (res: Response): string => res.locals.requestId as string;

/** The caller's `x-request-id` when sane, else a new one. */
export const requestIdFrom = (given: string | string[] | undefined): string =>
  typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();

/**
 * The Express routes' share of the request observer: gives each request an id (echoed in
 * `x-request-id`, carried into events as correlationId) and reports it once answered, labelled
 * by the route's pattern and `res.locals.outcome` (the status when a route sets none).
 */
export function requestContext(observe: RequestObserver) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const requestId = requestIdFrom(req.headers['x-request-id']);
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    const started = performance.now();
    res.once('finish', () => {
      observe({
        requestId,
        method: req.method,
        route: (req.route as { path?: string } | undefined)?.path ?? 'unmatched',
        url: req.originalUrl,
        status: res.statusCode,
        outcome: (res.locals.outcome as string | undefined) ?? String(res.statusCode),
        started,
      });
    });
    next();
  };
}
