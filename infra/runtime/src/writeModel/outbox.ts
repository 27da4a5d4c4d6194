import type { JetStreamClient, PubAck } from '@nats-io/jetstream';
import { OUTBOX_RELAY_AFTER_MS, type ShopEventType, type ShopNaming } from '@scalemart/contracts';
import type { WriteModel } from './writeModel.js';

export interface OutboxDeps {
  js: JetStreamClient;
  naming: ShopNaming;
  store: WriteModel;
}

/** The envelope fields publishing needs, read without validating the whole event again. */
interface EventHead {
  id: string;
  type: ShopEventType;
  aggregateId: string;
}

/**
 * Publishes an event that a script put in the outbox, with Nats-Msg-Id = event id, waits for the
 * PubAck, then clears the entry. If this process dies in between, the relay publishes it again
 * with the same id and the stream's duplicate window drops the copy.
 */
export async function publishFromOutbox(
  deps: OutboxDeps,
  productId: string,
  eventJson: string,
  head: EventHead = JSON.parse(eventJson) as EventHead,
): Promise<PubAck> {
  const ack = await deps.js.publish(
    deps.naming.subjectFor(head.type, head.aggregateId),
    eventJson,
    {
      msgID: head.id,
    },
  );
  await deps.store.clearOutbox(productId, head.id);
  return ack;
}

/** Republishes every outbox entry older than `olderThanMs`; returns how many it published. */
export async function relayOutbox(
  deps: OutboxDeps,
  olderThanMs = OUTBOX_RELAY_AFTER_MS,
): Promise<number> {
  const before = Date.now() - olderThanMs;
  let published = 0;
  for (const productId of await deps.store.productIds()) {
    for (const entry of await deps.store.outboxEntriesBefore(productId, before)) {
      await publishFromOutbox(deps, productId, entry.json);
      published += 1;
    }
  }
  return published;
}

/**
 * Runs the relay every `intervalMs` until stopped. Several relays (one per processor instance)
 * may run at once: a copy they both publish is dropped by the stream's duplicate window.
 */
export function startOutboxRelay(
  deps: OutboxDeps,
  options: {
    intervalMs?: number;
    olderThanMs?: number;
    onError?: (error: unknown) => void;
    onRelayed?: (count: number) => void;
  } = {},
): { stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (stopped || running) return; // a slow scan is never overlapped by the next one
    running = relayOutbox(deps, options.olderThanMs)
      .then((count) => (count > 0 ? options.onRelayed?.(count) : undefined))
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => (running = undefined));
  }, options.intervalMs ?? 1_000);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
