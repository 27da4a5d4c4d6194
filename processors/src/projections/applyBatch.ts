import type { ChangeNotice } from '@scalemart/contracts';
import type { Delivery } from '../delivery.js';
import type { DocumentStore } from './documentStore.js';
import { foldBatch, idsOfBatch, type FoldResult } from './foldBatch.js';
import type { Projection, ReadModelDoc } from './projection.js';

export interface AppliedBatch {
  notices: ChangeNotice[];
  refused: FoldResult<ReadModelDoc>['refused'];
}

/** A batch folded, not yet written: the documents to write and what follows their write. */
export interface FoldedBatch<D extends ReadModelDoc> extends AppliedBatch {
  docs: D[];
}

/** Read what the batch touches and fold it in memory (nothing is written yet). */
export async function foldInto<D extends ReadModelDoc>(
  projection: Projection<D>,
  store: DocumentStore<D>,
  batch: Delivery[],
): Promise<FoldedBatch<D>> {
  const known = await store.load(store.holdsAll ? [] : idsOfBatch(projection, batch));
  const { changed, refused } = foldBatch(projection, known, batch);
  const notices = [...changed.values()].flatMap(
    ({ doc, event }) => projection.notice(doc, event) ?? [],
  );
  return { docs: [...changed.values()].map(({ doc }) => doc), notices, refused };
}

/** Read what the batch touches, fold it in memory, write each changed document once. */
export async function applyBatch<D extends ReadModelDoc>(
  projection: Projection<D>,
  store: DocumentStore<D>,
  batch: Delivery[],
): Promise<AppliedBatch> {
  const { docs, notices, refused } = await foldInto(projection, store, batch);
  await store.save(docs);
  return { notices, refused };
}

/** One read model and where its documents live. */
export interface Fold {
  projection: Projection<ReadModelDoc>;
  store: DocumentStore<ReadModelDoc>;
}

export interface AppliedFolds {
  notices: ChangeNotice[];
  /** The events some fold refused, by stream sequence, with why (the others folded them). */
  refused: Map<number, string>;
}

/** A batch folded into every read model; `write()` writes it (again, if a try failed). */
export interface FoldedFolds extends AppliedFolds {
  write(): Promise<void>;
}

/**
 * One batch into every read model, their reads at once (they touch different collections), then
 * their writes at once when `write()` is called. Each fold is exact on its own (`_seq` per
 * document), so a batch retried after some of them were written changes those no more.
 */
export async function foldFolds(folds: readonly Fold[], batch: Delivery[]): Promise<FoldedFolds> {
  const results = await Promise.all(
    folds.map(({ projection, store }) => foldInto(projection, store, batch)),
  );
  const refused = new Map<number, string>();
  results.forEach(({ refused: list }, i) => {
    for (const { delivery, error } of list) {
      const reason = `${folds[i]!.projection.model}: ${error instanceof Error ? error.message : String(error)}`;
      const before = refused.get(delivery.streamSequence);
      refused.set(delivery.streamSequence, before ? `${before}; ${reason}` : reason);
    }
  });
  return {
    notices: results.flatMap((r) => r.notices),
    refused,
    write: async () => {
      await Promise.all(results.map(({ docs }, i) => folds[i]!.store.save(docs)));
    },
  };
}

/** foldFolds, then its write. */
export async function applyFolds(folds: readonly Fold[], batch: Delivery[]): Promise<AppliedFolds> {
  const folded = await foldFolds(folds, batch);
  await folded.write();
  return { notices: folded.notices, refused: folded.refused };
}
