import type { ConsumerMessages, JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { decodeEventJson, EventDecodeError, type ShopEvent } from '@scalemart/contracts';
import type { Logger } from 'pino';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Delivery } from '../delivery.js';
import type { ProcessorMetrics } from '../metrics.js';
import { terminate as terminateMessage, type DeadLetterSink } from './deadLetters.js';
import { inNextTurn } from './nextTurn.js';

/** Handles one message; throwing means "try again later" (nak), or a dead letter on the last try. */
export type MessageHandler = (delivery: Delivery) => Promise<void>;

export interface RunConsumerOptions {
  js: JetStreamClient;
  stream: string;
  durable: string;
  handle: MessageHandler;
  deadLetters: DeadLetterSink;
  metrics: ProcessorMetrics;
  logger: Logger;
  /** Messages handled at once (payments wait on the gateway, not on us). */
  concurrency: number;
}

export interface RunningConsumer {
  readonly durable: string;
  /** Stops pulling, finishes the messages in hand; nothing unhandled is acked. */
  stop(): Promise<void>;
}

const nakDelayMs = (deliveries: number) => Math.min(500 * 2 ** (deliveries - 1), 30_000);

/**
 * consume -> decode -> handle -> ack / nak(delay) / term, each message on its own, up to
 * `concurrency` at once (for work whose messages are independent: confirm-orders). A message that
 * is not an event, or that fails on its last allowed delivery, is terminated and dead-lettered: it
 * never blocks the consumer. The loop survives NATS restarts: the connection reconnects, consume()
 * re-pulls after missed heartbeats, and if the iterator ends anyway a new one is opened.
 */
export function runConsumer(options: RunConsumerOptions): RunningConsumer {
  const { durable, metrics, logger } = options;
  let stopping = false;
  let messages: ConsumerMessages | undefined;
  const inFlight = new Set<Promise<void>>();
  let maxDeliver = 10;
  const terminate = (msg: JsMsg, reason: string) =>
    terminateMessage({ durable, deadLetters: options.deadLetters, metrics, logger }, msg, reason);

  const settle = async (msg: JsMsg) => {
    const started = performance.now();
    let event: ShopEvent;
    try {
      event = decodeEventJson(msg.string());
    } catch (error) {
      return terminate(msg, reasonOf(error));
    }
    try {
      await options.handle({
        event,
        streamSequence: msg.seq,
        deliveries: msg.info.deliveryCount,
        subject: msg.subject,
      });
      await inNextTurn(() => msg.ack());
      metrics.events.inc({ consumer: durable, outcome: 'ack' });
    } catch (error) {
      if (msg.info.deliveryCount >= maxDeliver)
        return terminate(msg, `failed ${msg.info.deliveryCount} times: ${reasonOf(error)}`);
      logger.warn({ err: error, seq: msg.seq, durable }, 'handling failed; will retry');
      msg.nak(nakDelayMs(msg.info.deliveryCount));
      metrics.events.inc({ consumer: durable, outcome: 'nak' });
    }
    metrics.batchSize.observe({ consumer: durable }, 1);
    metrics.batchSeconds.observe({ consumer: durable }, (performance.now() - started) / 1000);
  };

  const launch = (msg: JsMsg) => {
    const task = settle(msg).catch((error: unknown) => {
      // Could not even record a dead letter (database down): leave it to come back.
      logger.error({ err: error, durable }, 'message left unsettled');
      msg.nak(nakDelayMs(msg.info.deliveryCount));
    });
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
  };

  const loop = async () => {
    while (!stopping) {
      try {
        const consumer = await options.js.consumers.get(options.stream, durable);
        maxDeliver = (await consumer.info(true)).config.max_deliver ?? maxDeliver;
        messages = await consumer.consume({ max_messages: options.concurrency, expires: 5_000 });
        for await (const msg of messages) {
          while (inFlight.size >= options.concurrency) await Promise.race(inFlight);
          // Not started, so not handled: hand it back at once instead of after the ack wait.
          if (stopping) msg.nak();
          else launch(msg);
        }
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

export function reasonOf(error: unknown): string {
  if (error instanceof EventDecodeError) {
    const issues = error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    return [`${error.message}`, ...issues].join('; ');
  }
  return error instanceof Error ? error.message : String(error);
}
