import type {
  ConsumerMessages,
  JetStreamClient,
  JetStreamManager,
  JsMsg,
} from '@nats-io/jetstream';
import { decodeEventJson, type ChangeNotice } from '@scalemart/contracts';
import { PROJECTION_WRITER_GROUP } from '@scalemart/infra';
import type { Logger } from 'pino';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ProcessorMetrics } from '../metrics.js';
import { applyFolds, type Fold } from '../projections/applyBatch.js';
import { terminate as terminateMessage, type DeadLetterSink } from './deadLetters.js';
import { HeldMessages } from './heldMessages.js';
import { reasonOf, type Delivery, type RunningConsumer } from './runConsumer.js';

export interface RunProjectionOptions {
  js: JetStreamClient;
  jsm: JetStreamManager;
  stream: string;
  durable: string;
  /** The read models this writer keeps: each event is decoded once and folded into all of them. */
  folds: readonly Fold[];
  deadLetters: DeadLetterSink;
  metrics: ProcessorMetrics;
  logger: Logger;
  batchSize: number;
  /** Whether a subject carries an event some fold wants (others are acked undecoded). */
  wanted(subject: string): boolean;
  publish(notices: ChangeNotice[]): void;
}

/** How often a writer waiting at a gap asks the server where the durable stands. */
const GAP_CHECK_MS = 200;

/**
 * The live writer of the read models (one durable for all of them: each event is received,
 * decoded and acked once, and every fold's write of a batch runs at once). Exact because each document keeps the stream sequence it
 * reflects (foldBatch) and this writer applies the stream to them in order, without gaps:
 * - one active writer: the durable's priority group pins one client; other instances wait as hot
 *   standbys and the server pins one of them once the active one stops pulling (infra/consumers);
 * - in order: messages are held by sequence and applied only from `expected` on, contiguously. At a
 *   gap (a message redelivered late, or still held by a writer that died) it waits, asking the
 *   server for the durable's ack floor: a floor past `expected` means another writer applied those;
 *   a count of unacked messages no bigger than ours means nothing below our first is still out;
 * - nothing lost: acks (one per run: the durable acks all below) only after the write; a failed write is retried in place, holding the
 *   batch, so a later batch never overtakes it. An event evolve refuses is dead-lettered.
 */
export function runProjection(options: RunProjectionOptions): RunningConsumer {
  const { durable, metrics, logger } = options;
  const held = new HeldMessages<JsMsg>();
  let stopping = false;
  let messages: ConsumerMessages | undefined;
  let pumping: Promise<unknown> | undefined;
  let receivedAt = 0;

  const drain = async () => {
    while (!stopping) {
      for (const msg of held.takeStale()) msg.ack();
      const run = held.takeRun(options.batchSize);
      if (run.length > 0) await settleOrGiveBack(run);
      else if (held.size === 0 || !(await closeGap())) return;
    }
  };
  // One drain at a time; a message that arrives as it ends starts the next one.
  let again = false;
  const pump = (): void => {
    again = true;
    if (pumping) return;
    again = false;
    pumping = drain()
      .catch((error: unknown) => logger.error({ err: error, durable }, 'projection drain failed'))
      .finally(() => {
        pumping = undefined;
        if (again && !stopping) pump();
      });
  };

  /** Moves `expected` when the server says nothing before our first held message is still out. */
  const closeGap = async (): Promise<boolean> => {
    try {
      const info = await options.jsm.consumers.info(options.stream, durable);
      const floor = info.ack_floor.stream_seq + 1;
      if (held.expected === undefined || floor > held.expected) held.expected = floor;
      else if (info.num_ack_pending <= held.size) held.expected = held.lowest();
      else await sleep(GAP_CHECK_MS);
    } catch (error) {
      logger.warn({ err: error, durable }, 'could not read the durable; retrying');
      await sleep(GAP_CHECK_MS);
    }
    return !stopping;
  };

  /** Whatever fails here (a dead letter not recorded) is held again and retried: never skipped. */
  const settleOrGiveBack = async (run: JsMsg[]) => {
    try {
      await settle(run);
    } catch (error) {
      logger.warn({ err: error, durable }, 'batch not settled; retrying it');
      for (const msg of run) held.hold(msg.seq, msg);
      held.expected = run[0]!.seq;
      await sleep(1_000);
    }
  };

  const settle = async (run: JsMsg[]) => {
    const started = performance.now();
    const batch: { msg: JsMsg; delivery: Delivery }[] = [];
    const poison = new Map<number, string>();
    for (const msg of run) {
      if (!options.wanted(msg.subject)) continue; // settled by the run's ack
      try {
        batch.push({
          msg,
          delivery: {
            event: decodeEventJson(msg.string()),
            streamSequence: msg.seq,
            deliveries: msg.info.deliveryCount,
            subject: msg.subject,
          },
        });
      } catch (error) {
        poison.set(msg.seq, reasonOf(error));
      }
    }
    const applied = await writeUntilDone(run, batch);
    if (!applied) {
      for (const msg of run) msg.nak();
      return;
    }
    for (const [seq, reason] of applied.refused) poison.set(seq, `evolve refused it: ${reason}`);
    // Nothing is settled before the write: the durable acks all (an ack or a term settles every
    // message below it too), so the run's one ack, on its last good message, comes last.
    let last: JsMsg | undefined;
    for (const msg of run) {
      const reason = poison.get(msg.seq);
      if (reason === undefined) last = msg;
      else await terminate(msg, reason);
    }
    last?.ack();
    metrics.events.inc({ consumer: durable, outcome: 'ack' }, batch.length - applied.refused.size);
    options.publish(applied.notices);
    const seconds = (performance.now() - started) / 1000;
    metrics.batchSize.observe({ consumer: durable }, run.length);
    metrics.batchSeconds.observe({ consumer: durable }, seconds);
    logger.debug(
      {
        durable,
        size: run.length,
        written: applied.notices.length,
        ms: Math.round(seconds * 1000),
      },
      'batch settled',
    );
  };

  /** A write that fails (the database is down) is retried in place: the stream waits for it. */
  const writeUntilDone = async (run: JsMsg[], batch: { msg: JsMsg; delivery: Delivery }[]) => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await applyFolds(
          options.folds,
          batch.map(({ delivery }) => delivery),
        );
      } catch (error) {
        if (stopping) return undefined;
        logger.warn(
          { err: error, durable, attempt },
          'projection write failed; retrying the batch',
        );
        for (const msg of run) msg.working();
        await sleep(Math.min(250 * 2 ** attempt, 5_000));
      }
    }
  };

  const terminate = (msg: JsMsg, reason: string) =>
    terminateMessage({ durable, deadLetters: options.deadLetters, metrics, logger }, msg, reason);

  const loop = async () => {
    while (!stopping) {
      try {
        const consumer = await options.js.consumers.get(options.stream, durable);
        messages = await consumer.consume({
          group: PROJECTION_WRITER_GROUP,
          max_messages: options.batchSize * 2,
          expires: 2_000,
        });
        for await (const msg of messages) {
          held.hold(msg.seq, msg);
          receivedAt = performance.now();
          pump();
        }
      } catch (error) {
        if (!stopping)
          logger.warn({ err: error, durable }, 'projection consumer interrupted; reopening');
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
      await pumping?.catch(() => undefined);
      for (const msg of held.takeAll()) msg.nak();
      // Hand the pin over now rather than after its TTL (the standby still applies without gaps).
      if (receivedAt > 0)
        await options.jsm.consumers
          .unpin(options.stream, durable, PROJECTION_WRITER_GROUP)
          .catch(() => undefined);
    },
  };
}
