import type { NatsConnection } from '@nats-io/nats-core';
import { rebuild } from '@scalemart/processors';
import { READ_MODEL_COLLECTIONS, type ShopNaming } from '@scalemart/contracts';
import type { Db, Document, MongoClient } from 'mongodb';
import { withTimeout } from './drain.js';

export interface ReplayComparison {
  /** false when the processors' rebuild did not finish in time. */
  ran: boolean;
  seconds: number;
  problems: string[];
}

/** View fields only: `_`-prefixed fields are a projector's bookkeeping and may differ. */
const view = (doc: Document) =>
  JSON.stringify(
    Object.fromEntries(
      Object.entries(doc)
        .filter(([key]) => !key.startsWith('_') || key === '_id')
        .sort(([a], [b]) => a.localeCompare(b)),
    ),
  );

/** Every read-model document of `live` against `other`, by view fields; the first 20 differences. */
export async function compareReadModelDbs(live: Db, other: Db): Promise<string[]> {
  const problems: string[] = [];
  for (const name of [
    READ_MODEL_COLLECTIONS.products,
    READ_MODEL_COLLECTIONS.orders,
    READ_MODEL_COLLECTIONS.sales,
  ]) {
    const [a, b] = await Promise.all(
      [live, other].map((db) => db.collection(name).find({}).toArray()),
    );
    const replayed = new Map(b!.map((doc) => [String(doc._id), view(doc)]));
    if (a!.length !== b!.length)
      problems.push(`${name}: live has ${a!.length} documents, the replay ${b!.length}`);
    for (const doc of a!) {
      const theirs = replayed.get(String(doc._id));
      if (theirs !== view(doc) && problems.length < 20)
        problems.push(
          `${name}/${String(doc._id)}: live ${view(doc)} != replay ${theirs ?? 'missing'}`,
        );
    }
  }
  return problems;
}

/**
 * Replays the whole stream with the processors' own `rebuild` into a throwaway database and
 * compares every read-model document with the live one.
 */
export async function compareWithRebuild(
  deps: { nc: NatsConnection; naming: ShopNaming; client: MongoClient; liveDb: string },
  timeoutMs: number,
): Promise<ReplayComparison> {
  const started = performance.now();
  const replayDb = deps.client.db(`${deps.liveDb}_replay`.slice(0, 63));
  const problems: string[] = [];
  try {
    await withTimeout(
      rebuild({
        nc: deps.nc,
        naming: deps.naming,
        db: replayDb,
        models: ['products', 'orders', 'sales'],
        mode: 'direct',
      }),
      timeoutMs,
      "the processors' rebuild",
    );
    problems.push(...(await compareReadModelDbs(deps.client.db(deps.liveDb), replayDb)));
  } catch (error) {
    return {
      ran: false,
      seconds: (performance.now() - started) / 1000,
      problems: [(error as Error).message],
    };
  } finally {
    await replayDb.dropDatabase().catch(() => undefined);
  }
  return { ran: true, seconds: Math.round((performance.now() - started) / 100) / 10, problems };
}
