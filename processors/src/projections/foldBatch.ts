import type { ShopEvent } from '@scalemart/contracts';
import type { Delivery } from '../delivery.js';
import type { Projection, ReadModelDoc } from './projection.js';

export interface FoldResult<D extends ReadModelDoc> {
  /** Each document the batch changed, once, with the last event that changed it. */
  changed: Map<string, { doc: D; event: ShopEvent }>;
  /** Events `evolve` threw on (a bug, or a hand-made event): dead-lettered; the rest still land. */
  refused: { delivery: Delivery; error: unknown }[];
}

/** The documents a batch touches, each once. */
export function idsOfBatch(projection: Projection<ReadModelDoc>, batch: Delivery[]): string[] {
  const ids = new Set<string>();
  for (const { event } of batch) {
    try {
      for (const id of projection.idsOf(event)) ids.add(id);
    } catch {
      // foldBatch refuses this event.
    }
  }
  return [...ids];
}

/**
 * Folds a batch, in stream order, into the documents it touches; `known` gives the stored ones.
 * This is where exactness lives: each document carries `_seq`, the stream sequence of the last
 * event it reflects, and an event at or below it is skipped. A redelivered batch, a replay over
 * live documents or a takeover that starts before the last write therefore changes nothing twice.
 * It relies on events reaching each document in stream order, which the writer guarantees
 * (one active writer per projection, applying the stream without gaps: see runProjection).
 */
export function foldBatch<D extends ReadModelDoc>(
  projection: Projection<D>,
  known: (id: string) => D | undefined,
  batch: Delivery[],
): FoldResult<D> {
  const changed = new Map<string, { doc: D; event: ShopEvent }>();
  const refused: FoldResult<D>['refused'] = [];
  for (const delivery of batch) {
    const { event, streamSequence: seq } = delivery;
    try {
      // Every document of the event first, then commit: an event lands whole or not at all.
      const next = projection.idsOf(event).flatMap((id) => {
        const doc = changed.get(id)?.doc ?? known(id);
        if (doc && seq <= doc._seq) return [];
        const next = projection.evolve(doc, event, id);
        next._id = id;
        next._seq = seq;
        return [next];
      });
      for (const doc of next) changed.set(doc._id, { doc, event });
    } catch (error) {
      refused.push({ delivery, error });
    }
  }
  return { changed, refused };
}
