import type { Consumer, ConsumerMessages, JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { decodeEventJson, EventDecodeError, type ShopEvent } from '@scalemart/contracts';
import type { Logger } from 'pino';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ProcessorMetrics } from '../metrics.js';
import { terminate as terminateMessage, type DeadLetterSink } from './deadLetters.js';

/** One decoded message of a batch. */
export interface Delivery {
  event: ShopEvent;
  streamSequence: number;
  deliveries: number;
  subject: string;
}

/**
 * Handles a batch. Throwing fails the whole batch (it is retried message by message); returning an
 * array fails only the deliveries whose slot holds an error.
 */
export type BatchHandler = (batch: Delivery[]) => Promise<void | (unknown | undefined)[]>;

export interface RunConsumerOptions {
  js: JetStreamClient;
  stream: string;
  durable: string;
  handle: BatchHandler;
  deadLetters: DeadLetterSink;
  metrics: ProcessorMetrics;
  logger: Logger;
  batchSize: number;
  /** Batches handled at once (payments wait on the gateway: many in flight keep throughput up). */
  maxInFlightBatches?: number;
}

export interface RunningConsumer {
  readonly durable: string;
  /** Stops pulling, finishes the batches in hand; nothing unwritten is acked. */
  stop(): Promise<void>;
}

/** A partial batch is handled once no message came for LINGER_MS, or LINGER_MAX_MS after its first. */
const LINGER_MS = 20;
const LINGER_MAX_MS = 100;

/** Resolves once `lastAt()` is LINGER_MS old, or LINGER_MAX_MS after `firstAt`. */
async function quietAfter(firstAt: number, lastAt: () => number): Promise<void> {
  for (;;) {
    const wait = Math.min(lastAt() + LINGER_MS, firstAt + LINGER_MAX_MS) - performance.now();
    if (wait <= 0) return;
    await sleep(wait);
  }
}

const nakDelayMs = (deliveries: number) => Math.min(500 * 2 ** (deliveries - 1), 30_000);

/**
 * consume -> decode -> handle -> ack / nak(delay) / term. A message that is not an event, or that
 * fails on its last allowed delivery, is terminated and dead-lettered: it never blocks the consumer.
 * The loop survives NATS restarts: the connection reconnects, consume() re-pulls after missed
 * heartbeats, and if the iterator ends anyway a new one is opened.
 */
export function runConsumer(options: RunConsumerOptions): RunningConsumer {
  const { durable, metrics, logger } = options;
  let stopping = false;
  let messages: ConsumerMessages | undefined;
  const inFlight = new Set<Promise<void>>();
  let maxDeliver = 10;

  const settleBatch = async (batch: JsMsg[]) => {
    const started = performance.now();
    const good: { msg: JsMsg; delivery: Delivery }[] = [];
    for (const msg of batch) {
      try {
        const event = decodeEventJson(msg.string());
        good.push({ msg, delivery: toDelivery(msg, event) });
      } catch (error) {
        await terminate(msg, reasonOf(error));
      }
    }
    if (good.length > 0) await handleAndSettle(good);
    const seconds = (performance.now() - started) / 1000;
    metrics.batchSize.observe({ consumer: durable }, batch.length);
    metrics.batchSeconds.observe({ consumer: durable }, seconds);
    logger.debug({ durable, size: batch.length, ms: Math.round(seconds * 1000) }, 'batch settled');
  };

  const handleAndSettle = async (items: { msg: JsMsg; delivery: Delivery }[]) => {
    let failures: (unknown | undefined)[];
    try {
      failures = (await options.handle(items.map((item) => item.delivery))) ?? [];
    } catch (error) {
      if (items.length > 1) {
        // One bad event must not take its batchmates down with it: retry them one by one.
        for (const item of items) await handleAndSettle([item]);
        return;
      }
      failures = [error];
    }
    for (const [i, { msg }] of items.entries()) {
      const failure = failures[i];
      if (failure === undefined) {
        msg.ack();
        metrics.events.inc({ consumer: durable, outcome: 'ack' });
      } else if (msg.info.deliveryCount >= maxDeliver) {
        await terminate(msg, `failed ${msg.info.deliveryCount} times: ${reasonOf(failure)}`);
      } else {
        logger.warn({ err: failure, seq: msg.seq, durable }, 'handling failed; will retry');
        msg.nak(nakDelayMs(msg.info.deliveryCount));
        metrics.events.inc({ consumer: durable, outcome: 'nak' });
      }
    }
  };

  const terminate = (msg: JsMsg, reason: string) => terminateMessage({ durable, deadLetters: options.deadLetters, metrics, logger }, msg, reason);

  const launch = async (batch: JsMsg[]) => {
    // Wait for a slot first: the linger timer and the loop may both launch.
    while (inFlight.size >= (options.maxInFlightBatches ?? 1)) await Promise.race(inFlight);
    if (stopping) {
      // Not started, so not written: hand the messages back at once instead of after the ack wait.
      for (const msg of batch) msg.nak();
      return;
    }
    const task = settleBatch(batch).catch((error: unknown) => {
      // Could not even record a dead letter (database down): leave the batch unacked to redeliver.
      logger.error({ err: error, durable }, 'batch left unsettled');
      for (const msg of batch) msg.nak(nakDelayMs(msg.info.deliveryCount));
    });
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
  };

  const loop = async () => {
    while (!stopping) {
      try {
        const consumer: Consumer = await options.js.consumers.get(options.stream, durable);
        maxDeliver = (await consumer.info(true)).config.max_deliver ?? maxDeliver;
        messages = await consumer.consume({ max_messages: options.batchSize * 2, expires: 5_000 });
        let batch: JsMsg[] = [];
        let lingering: Promise<void> | undefined;
        let lastAt = 0;
        for await (const msg of messages) {
          if (stopping) break;
          batch.push(msg);
          lastAt = performance.now();
          if (batch.length >= options.batchSize) {
            await launch(batch);
            batch = [];
          } else {
            // Linger a moment for more: one write round for many events, not one per event. Armed
            // by the first message of a batch (`getPending()` counts pulled-for, not buffered,
            // messages, so a tail smaller than a batch used to wait for the pull to expire); the
            // batch is taken only once a slot is free, so a backlog still fills whole batches.
            // While messages keep coming (a consumer starting on a backlog receives them in
            // bursts) it waits on, up to LINGER_MAX_MS: a batch of 10 costs nearly what 500 do.
            lingering ??= quietAfter(lastAt, () => lastAt).then(async () => {
              while (inFlight.size >= (options.maxInFlightBatches ?? 1)) await Promise.race(inFlight);
              const taken = batch;
              batch = [];
              lingering = undefined;
              if (taken.length > 0) await launch(taken);
            });
          }
        }
        await lingering;
        if (batch.length > 0 && !stopping) await launch(batch);
      } catch (error) {
        if (!stopping) logger.warn({ err: error, durable }, 'consumer loop interrupted; reopening');
      }
      if (!stopping) await sleep(250);
    }
  };
  const done = loop();

  return {
    durable,
    async stop() {
      stopping = true;
      await messages?.close().catch(() => undefined);
      await done;
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}

function toDelivery(msg: JsMsg, event: ShopEvent): Delivery {
  return { event, streamSequence: msg.seq, deliveries: msg.info.deliveryCount, subject: msg.subject };
}

export function reasonOf(error: unknown): string {
  if (error instanceof EventDecodeError) {
    const issues = error.issues.slice(0, 3).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    return [`${error.message}`, ...issues].join('; ');
  }
  return error instanceof Error ? error.message : String(error);
}
