import type { IRoute, RequestHandler } from 'express';
import type { QueryMetrics } from './metrics.js';

/** Observes REST latency labelled by the matched route pattern (not the raw path: bounded labels). */
export function httpTimer(metrics: QueryMetrics): RequestHandler {
  return (req, res, next) => {
    const end = metrics.httpDuration.startTimer();
    res.on('finish', () => {
      // Express types `req.route` as any: it is the matched IRoute, or undefined when none matched.
      const matched = req.route as IRoute | undefined;
      const route = matched?.path ? `${req.baseUrl}${matched.path}` : 'unmatched';
      end({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}
