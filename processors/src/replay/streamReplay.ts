import type { NatsConnection } from '@nats-io/nats-core';
import type { ShopNaming } from '@scalemart/contracts';
import type { Delivery } from '../delivery.js';
import { readBatches } from './readBatches.js';
import { lastSequence, type StreamFilter } from './readStream.js';

export interface ReplayProgress {
  seq: number;
  lastSeq: number;
  events: number;
}

export type SequenceRange = Pick<StreamFilter, 'fromSeq' | 'toSeq'>;

/** Reads a range of the stream in order, in batches, handing each batch to `apply`. */
export type Replay = (
  range: SequenceRange,
  apply: (batch: Delivery[]) => Promise<void>,
) => Promise<{ events: number; skipped: number; lastSeq: number }>;

export interface ReplaySource {
  nc: NatsConnection;
  naming: ShopNaming;
  /** Events per batch handed to `apply`. */
  batchSize: number;
  onProgress?: (progress: ReplayProgress) => void;
}

/**
 * A Replay of the stream: each call reads from `fromSeq` (default 1) up to the stream's last
 * sequence at the time of the call (or `toSeq`), so a rebuild's pass and its tail share it.
 */
export function streamReplay(source: ReplaySource): Replay {
  return async (range, apply) => {
    const lastSeq = Math.min(range.toSeq ?? Infinity, await lastSequence(source.nc, source.naming));
    let events = 0;
    const read = await readBatches(
      source.nc,
      source.naming,
      { fromSeq: range.fromSeq ?? 1, toSeq: lastSeq, batchSize: source.batchSize },
      async (batch, seq) => {
        await apply(batch);
        events += batch.length;
        source.onProgress?.({ seq, lastSeq, events });
      },
    );
    return { ...read, lastSeq: Math.max(read.lastSeq, lastSeq) };
  };
}
