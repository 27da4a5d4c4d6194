import { publishFromOutbox, type OutboxDeps } from '@scalemart/infra/stock';
import type { Logger } from 'pino';
import type { Metrics } from '../http/metrics.js';

/** Publishes an event already in the outbox and clears it (publishFromOutbox by default). */
export type PublishFn = (productId: string, eventJson: string) => Promise<unknown>;

export type PublishResult = 'published' | 'deferred';

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
}): (productId: string, eventJson: string, type: string) => Promise<PublishResult> {
  const publish: PublishFn =
    deps.publish ?? ((productId, json) => publishFromOutbox(deps.outbox, productId, json));
  return async (productId, eventJson, type) => {
    const stop = deps.metrics.publishSeconds.startTimer({ type });
    try {
      await publish(productId, eventJson);
      stop({ result: 'ok' });
      return 'published';
    } catch (error) {
      stop({ result: 'failed' });
      deps.logger.warn(
        { err: error, productId, type },
        'publish failed; the outbox relay will publish the event',
      );
      return 'deferred';
    }
  };
}
