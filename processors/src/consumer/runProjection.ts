import type {
  ConsumerMessages,
  JetStreamClient,
  JetStreamManager,
  JsMsg,
} from '@nats-io/jetstream';
import type { ChangeNotice } from '@scalemart/contracts';
import { PROJECTION_WRITER_GROUP } from '@scalemart/runtime';
import type { Logger } from 'pino';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ProcessorMetrics } from '../metrics.js';
import type { Fold } from '../projections/applyBatch.js';
import { CachedStore } from '../projections/cachedStore.js';
import { CacheTrust, type Received } from './cacheTrust.js';
import type { DeadLetterSink } from './deadLetters.js';
import { HeldMessages } from './heldMessages.js';
import { commitRun, foldRun, type ProjectionContext } from './projectionSteps.js';
import type { RunningConsumer } from './runConsumer.js';

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
 * Under a backlog a run grows up to this many batches (fewer round trips per event); the
 * consumer buffers as many, so the next run is in hand while the last one is written.
 */
const RUNS_IN_HAND = 4;

/**
 * The live writer of the read models (one durable for all of them: each event is received,
 * decoded and acked once, and every fold's write of a batch runs at once). Exact because each
 * document keeps the stream sequence it reflects (foldBatch) and this writer applies the stream to
 * them in order, without gaps:
 * - one active writer: the durable's priority group pins one client; other instances wait as hot
 *   standbys and the server pins one of them once the active one stops pulling (infra/consumers);
 * - in order: messages are held by sequence and applied only from `expected` on, contiguously. At a
 *   gap (a message redelivered late, or still held by a writer that died) it waits, asking the
 *   server for the durable's ack floor: a floor past `expected` means another writer applied those;
 *   a count of unacked messages no bigger than ours means nothing below our first is still out;
 * - nothing lost: acks (one per run: the durable acks all below) only after the write; a failed
 *   write is retried in place, holding the batch, so a later batch never overtakes it. An event
 *   evolve refuses is dead-lettered;
 * - pipelined: a run is read and folded while the one before is written (writes stay one at a
 *   time, in order); the stores keep what they folded (CachedStore) while CacheTrust holds.
 */
export function runProjection(options: RunProjectionOptions): RunningConsumer {
  const { durable, logger } = options;
  const held = new HeldMessages<Received>();
  const caches = options.folds.flatMap(({ store }) =>
    store instanceof CachedStore ? [store] : [],
  );
  let stopping = false;
  let messages: ConsumerMessages | undefined;
  let pumping: Promise<unknown> | undefined;
  let receivedAt = 0;
  /** The previous run's write and settlement, running while the next run is read and folded. */
  let committing: Promise<void> | undefined;
  /** A run whose settlement failed: handed back with the one folded after it. */
  let failedRun: JsMsg[] | undefined;
  let trust = new CacheTrust();
  const ctx: ProjectionContext = { ...options, isStopping: () => stopping };

  const drain = async () => {
    while (!stopping) {
      if (failedRun && !committing) {
        await giveBack(failedRun);
        continue;
      }
      for (const { msg } of held.takeStale()) msg.ack();
      const run = held.takeRun(options.batchSize * RUNS_IN_HAND);
      if (run.length > 0) await foldThenCommit(run);
      else if (committing) await committing;
      else if (held.size === 0 || !(await closeGap())) return;
    }
    await committing;
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

  /** Folds a run while the previous one is written, then starts its own write. */
  const foldThenCommit = async (received: Received[]) => {
    if (!trust.holds(received)) await forgetCaches();
    const run = received.map(({ msg }) => msg);
    const folded = await foldRun(ctx, run);
    await committing;
    if (!folded || failedRun) return giveBack(failedRun ? [...failedRun, ...run] : run);
    const commit: Promise<void> = commitRun(ctx, folded)
      .then(
        (landed) => {
          if (!landed) caches.forEach((cache) => cache.forget());
        },
        (error: unknown) => {
          logger.warn({ err: error, durable }, 'batch not settled; retrying it');
          failedRun = run;
        },
      )
      .finally(() => {
        if (committing === commit) committing = undefined;
      });
    committing = commit;
  };

  /** Whatever failed to settle (a dead letter not recorded) is held again and retried: never skipped. */
  const giveBack = async (run: JsMsg[]) => {
    failedRun = undefined;
    if (stopping) return void run.forEach((msg) => msg.nak());
    for (const msg of run) held.hold(msg.seq, { msg, at: performance.now() });
    held.expected = run[0]!.seq;
    await forgetCaches();
    await sleep(1_000);
  };

  const forgetCaches = async () => {
    await committing;
    caches.forEach((cache) => cache.forget());
    trust = new CacheTrust();
  };

  /** Moves `expected` when the server says nothing before our first held message is still out. */
  const closeGap = async (): Promise<boolean> => {
    try {
      const info = await options.jsm.consumers.info(options.stream, durable);
      const floor = info.ack_floor.stream_seq + 1;
      const before = held.expected;
      if (held.expected === undefined || floor > held.expected) held.expected = floor;
      else if (info.num_ack_pending <= held.size) held.expected = held.lowest();
      else await sleep(GAP_CHECK_MS);
      // Another writer may have written what we skip: read the documents again.
      if (held.expected !== before) await forgetCaches();
    } catch (error) {
      logger.warn({ err: error, durable }, 'could not read the durable; retrying');
      await sleep(GAP_CHECK_MS);
    }
    return !stopping;
  };

  const loop = async () => {
    while (!stopping) {
      try {
        const consumer = await options.js.consumers.get(options.stream, durable);
        messages = await consumer.consume({
          group: PROJECTION_WRITER_GROUP,
          max_messages: options.batchSize * RUNS_IN_HAND,
          expires: 2_000,
        });
        for await (const msg of messages) {
          held.hold(msg.seq, { msg, at: performance.now() });
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
      for (const { msg } of held.takeAll()) msg.nak();
      // Hand the pin over now rather than after its TTL (the standby still applies without gaps).
      if (receivedAt > 0)
        await options.jsm.consumers
          .unpin(options.stream, durable, PROJECTION_WRITER_GROUP)
          .catch(() => undefined);
    },
  };
}
