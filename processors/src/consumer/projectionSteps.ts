import type { JsMsg } from '@nats-io/jetstream';
import { decodeEventJson, type ChangeNotice } from '@scalemart/contracts';
import type { Logger } from 'pino';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Delivery } from '../delivery.js';
import type { ProcessorMetrics } from '../metrics.js';
import { foldFolds, type Fold, type FoldedFolds } from '../projections/applyBatch.js';
import { terminate, type DeadLetterSink } from './deadLetters.js';
import { reasonOf } from './runConsumer.js';

/** What the steps of one projection writer share. */
export interface ProjectionContext {
  durable: string;
  folds: readonly Fold[];
  deadLetters: DeadLetterSink;
  metrics: ProcessorMetrics;
  logger: Logger;
  /** Whether a subject carries an event some fold wants (others are acked undecoded). */
  wanted(subject: string): boolean;
  publish(notices: ChangeNotice[]): void;
  isStopping(): boolean;
}

/** A run of messages folded into every read model, ready to be written and settled. */
export interface FoldedRun {
  run: JsMsg[];
  folded: FoldedFolds;
  /** Messages that are no event, or that a fold refused, with why: dead-lettered after the write. */
  poison: Map<number, string>;
  decoded: number;
  started: number;
}

/**
 * Decodes a run and folds it (reading only what the stores do not hold). A read that fails (the
 * database is down) is retried in place; undefined when the writer stops meanwhile.
 */
export async function foldRun(
  ctx: ProjectionContext,
  run: JsMsg[],
): Promise<FoldedRun | undefined> {
  const started = performance.now();
  const batch: Delivery[] = [];
  const poison = new Map<number, string>();
  for (const msg of run) {
    if (!ctx.wanted(msg.subject)) continue; // settled by the run's ack
    try {
      const event = decodeEventJson(msg.string());
      const deliveries = msg.info.deliveryCount;
      batch.push({ event, streamSequence: msg.seq, deliveries, subject: msg.subject });
    } catch (error) {
      poison.set(msg.seq, reasonOf(error));
    }
  }
  const folded = await untilDone(ctx, run, 'read', () => foldFolds(ctx.folds, batch));
  if (!folded) return undefined;
  for (const [seq, reason] of folded.refused) poison.set(seq, `evolve refused it: ${reason}`);
  return { run, folded, poison, decoded: batch.length, started };
}

/**
 * Writes a folded run, then settles it: nothing is settled before the write, since the durable
 * acks all (an ack or a term settles every message below it too), so poison is terminated and
 * the run's one ack, on its last good message, comes last. Then the change notices.
 * False when the writer stopped before the write landed (the run is nak'ed).
 */
export async function commitRun(ctx: ProjectionContext, folded: FoldedRun): Promise<boolean> {
  const { run, poison, durable } = { ...folded, durable: ctx.durable };
  const written = await untilDone(ctx, run, 'write', () => folded.folded.write().then(() => true));
  if (!written) {
    for (const msg of run) msg.nak();
    return false;
  }
  let last: JsMsg | undefined;
  for (const msg of run) {
    const reason = poison.get(msg.seq);
    if (reason === undefined) last = msg;
    else await terminate(ctx, msg, reason);
  }
  last?.ack();
  const { metrics } = ctx;
  metrics.events.inc(
    { consumer: durable, outcome: 'ack' },
    folded.decoded - folded.folded.refused.size,
  );
  ctx.publish(folded.folded.notices);
  const seconds = (performance.now() - folded.started) / 1000;
  metrics.batchSize.observe({ consumer: durable }, run.length);
  metrics.batchSeconds.observe({ consumer: durable }, seconds);
  ctx.logger.debug(
    { durable, size: run.length, notices: folded.folded.notices.length, ms: seconds * 1000 },
    'batch settled',
  );
  return true;
}

/**
 * A read or write that fails (the database is down) is retried in place, the run held
 * (`working()` keeps it from redelivery): the stream waits for it, no later batch overtakes it.
 */
async function untilDone<T>(
  ctx: ProjectionContext,
  run: JsMsg[],
  what: 'read' | 'write',
  work: () => Promise<T>,
): Promise<T | undefined> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (ctx.isStopping()) return undefined;
      ctx.logger.warn(
        { err: error, durable: ctx.durable, attempt },
        `projection ${what} failed; retrying the batch`,
      );
      for (const msg of run) msg.working();
      await sleep(Math.min(250 * 2 ** attempt, 5_000));
    }
  }
}
