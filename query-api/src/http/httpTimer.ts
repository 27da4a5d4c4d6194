import type { RequestHandler } from 'express';
import type { QueryMetrics } from './metrics.js';

/** Observes REST latency labelled by the matched route pattern (not the raw path: bounded labels). */
export function httpTimer(metrics: QueryMetrics): RequestHandler {
  return (req, res, next) => {
    const end = metrics.httpDuration.startTimer();
    res.on('finish', () => {
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
      end({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}
