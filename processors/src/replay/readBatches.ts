import { DeliverPolicy, jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { decodeEventJson, type ShopNaming } from '@scalemart/contracts';
import type { Delivery } from '../delivery.js';

export interface BatchRead {
  /** Events handed over, and messages that are no event (skipped: the live writer dead-lettered them). */
  events: number;
  skipped: number;
  lastSeq: number;
}

/** Messages the ordered consumer keeps coming: a rebuild reads as fast as the server sends. */
const BUFFERED = 10_000;

/**
 * Reads the stream from `fromSeq` through `toSeq` in order, with an ephemeral ordered consumer
 * (no acks, nothing durable), and hands it over decoded in batches of `batchSize`. The rebuild's
 * reader: readStream serves dump and tail, with their filters, one entry at a time.
 */
export async function readBatches(
  nc: NatsConnection,
  naming: ShopNaming,
  range: { fromSeq: number; toSeq: number; batchSize: number },
  apply: (batch: Delivery[], seq: number) => Promise<void>,
): Promise<BatchRead> {
  const read: BatchRead = { events: 0, skipped: 0, lastSeq: range.fromSeq - 1 };
  if (range.toSeq < range.fromSeq) return read;
  const consumer = await jetstream(nc).consumers.get(naming.stream, {
    deliver_policy: DeliverPolicy.StartSequence,
    opt_start_seq: range.fromSeq,
  });
  const messages = await consumer.consume({ max_messages: BUFFERED });
  let batch: Delivery[] = [];
  try {
    for await (const msg of messages) {
      const seq = msg.seq;
      if (seq > range.toSeq) break;
      read.lastSeq = seq;
      try {
        const event = decodeEventJson(msg.string());
        batch.push({ event, streamSequence: seq, deliveries: 1, subject: msg.subject });
      } catch {
        read.skipped += 1;
      }
      if (batch.length >= range.batchSize) {
        await apply(batch, seq);
        read.events += batch.length;
        batch = [];
      }
      if (seq >= range.toSeq || msg.info.pending === 0) break;
    }
  } finally {
    await messages.close().catch(() => undefined);
  }
  if (batch.length > 0) await apply(batch, read.lastSeq);
  read.events += batch.length;
  return read;
}
