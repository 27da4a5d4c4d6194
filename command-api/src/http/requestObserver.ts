import type { Logger } from 'pino';
import type { Metrics } from './metrics.js';

/** One answered request, as every route reports it. */
export interface AnsweredRequest {
  requestId: string;
  method: string;
  /** The route's pattern (`/api/products/:id`), or `unmatched`. */
  route: string;
  url: string;
  status: number;
  /** `reserved`, `created`, a refusal's code...: the histogram's label. */
  outcome: string;
  /** performance.now() when the request came in. */
  started: number;
}

type Observe = (seconds: number) => void;

/**
 * The one observer of every route: times the request into the latency histogram (by method,
 * route and outcome), warns about 5xx and logs the rest at debug level only: at 20,000 requests
 * a second an info line per request would cost more than the request. The histogram's child
 * per label set is looked up once, not hashed from labels per request.
 */
export function requestObserver(metrics: Metrics, logger: Logger) {
  const children = new Map<string, Observe>();
  const childFor = (method: string, route: string, outcome: string): Observe => {
    const key = `${method} ${route} ${outcome}`;
    let observe = children.get(key);
    if (!observe) {
      const child = metrics.requests.labels({ method, route, outcome });
      observe = (seconds) => child.observe(seconds);
      children.set(key, observe);
    }
    return observe;
  };
  return (answered: AnsweredRequest): void => {
    const { requestId, method, route, url, status, outcome } = answered;
    const seconds = (performance.now() - answered.started) / 1000;
    childFor(method, route, outcome)(seconds);
    if (status >= 500) logger.warn({ requestId, method, url, status, seconds }, 'request failed');
    else if (logger.isLevelEnabled('debug')) {
      logger.debug({ requestId, method, url, status, outcome, seconds }, 'request');
    }
  };
}

export type RequestObserver = ReturnType<typeof requestObserver>;
