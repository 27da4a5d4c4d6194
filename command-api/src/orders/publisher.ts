import { publishFromOutbox, type OutboxDeps } from '@scalemart/runtime/writeModel';
import type { Logger } from 'pino';
import type { Metrics } from '../http/metrics.js';

/** Publishes an event already in the outbox and clears it (publishFromOutbox by default). */
export type PublishFn = (productId: string, eventJson: string) => Promise<unknown>;

export type PublishResult = 'published' | 'deferred';

/** Plain functions, free of `this`: callers may pass `publish` on by itself. */
export interface Publisher {
  publish: (productId: string, eventJson: string, type: string) => Promise<PublishResult>;
  /** Resolves once every publish started so far has settled (before closing the connection). */
  settled: () => Promise<void>;
}

/**
 * Publishes what a script just put in the outbox. A failure (NATS down, PubAck timeout, a
 * test's fault hook) is not the client's problem: the change is durable in Redis and its event
 * waits in the outbox, where the relay (run by processors) publishes it with the same message
 * id. So the caller still answers with success; the result says `deferred` for logs and metrics.
 */
export function createPublisher(deps: {
  outbox: OutboxDeps;
  metrics: Metrics;
  logger: Logger;
  publish?: PublishFn;
}): Publisher {
  const publishFn: PublishFn =
    deps.publish ?? ((productId, json) => publishFromOutbox(deps.outbox, productId, json));
  const inFlight = new Set<Promise<PublishResult>>();
  const publishOne = async (productId: string, eventJson: string, type: string) => {
    const stop = deps.metrics.publishSeconds.startTimer({ type });
    try {
      await publishFn(productId, eventJson);
      stop({ result: 'ok' });
      return 'published' as const;
    } catch (error) {
      stop({ result: 'failed' });
      deps.logger.warn(
        { err: error, productId, type },
        'publish failed; the outbox relay will publish the event',
      );
      return 'deferred' as const;
    }
  };
  return {
    publish: (productId, eventJson, type) => {
      const published = publishOne(productId, eventJson, type);
      inFlight.add(published);
      void published.finally(() => inFlight.delete(published));
      return published;
    },
    settled: async () => {
      await Promise.all([...inFlight]);
    },
  };
}
