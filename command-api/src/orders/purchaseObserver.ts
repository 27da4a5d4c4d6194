import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Metrics } from '../http/metrics.js';

type Observe = (seconds: number) => void;

/**
 * The lean route's share of requestContext: times each purchase into the same latency histogram
 * (route `/api/orders`, by outcome), warns about 5xx and logs the rest at debug level only.
 * The histogram's child per outcome is looked up once, not hashed from labels per request.
 */
export function purchaseObserver(metrics: Metrics, logger: Logger) {
  const byOutcome = new Map<string, Observe>();
  const childFor = (outcome: string): Observe => {
    let observe = byOutcome.get(outcome);
    if (!observe) {
      const child = metrics.requests.labels({ method: 'POST', route: '/api/orders', outcome });
      observe = (seconds) => child.observe(seconds);
      byOutcome.set(outcome, observe);
    }
    return observe;
  };
  return (
    req: IncomingMessage,
    res: ServerResponse,
    started: number,
    requestId: string,
    outcome: string,
  ) => {
    const seconds = (performance.now() - started) / 1000;
    childFor(outcome)(seconds);
    const line = { requestId, method: req.method, url: req.url, status: res.statusCode, seconds };
    if (res.statusCode >= 500) logger.warn(line, 'request failed');
    else if (logger.isLevelEnabled('debug')) logger.debug({ ...line, outcome }, 'request');
  };
}
