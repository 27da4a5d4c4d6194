import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AnyBulkWriteOperation, Collection, Document } from 'mongodb';
import { BULK_CHUNK, bulkWrite, bulkWriteOnce } from '../projections/bulkWrite.js';
import type { IdDoc } from '../projections/projection.js';

/** What one entity (an order, a restock) adds to one target document's counters. */
export interface Contribution {
  target: string;
  inc: Record<string, number>;
}

/** The state an entity reached, and everything it contributes to counters in that state. */
export interface LedgerEntry {
  mark: string;
  /** States only move forward: a lower or equal rank than the one applied changes nothing. */
  rank: number;
  contributions: Contribution[];
}

interface Plan {
  txn: string;
  rank: number;
  contributions: Contribution[];
  delta: Contribution[];
  at: number;
}

export interface MarkDoc extends Document {
  _id: string;
  rank: number;
  contributions: Contribution[];
  plan: Plan | null;
}

export interface Ledger {
  marks: Collection<MarkDoc>;
  targets: Collection<IdDoc>;
  /** The document a missing target starts as (counters at 0). */
  newTarget(id: string): Document;
  /** A plan older than this was left by a crashed instance and is finished by whoever finds it. */
  stalePlanMs: number;
}

/** Applied txn ids a counter document remembers; FerretDB v1 ignores `$slice`, so `$pop` trims. */
const TXN_WINDOW = 64;

export class LedgerConflictError extends Error {
  override readonly name = 'LedgerConflictError';
}

/**
 * Applies counter contributions exactly once, without transactions, under redelivery, replay,
 * reordering and several instances (issue 4). Each entity has a mark document holding the rank it
 * reached and what it contributed. A batch moves marks forward in three idempotent steps:
 *   1. plan: compare-and-set each mark from its current rank to a plan {txn, delta};
 *   2. apply: `$inc` each target by the summed deltas, guarded by `_txns != txn` and pushing txn;
 *   3. settle: marks take the planned rank and drop the plan.
 * A crash anywhere leaves plans behind; whoever meets a plan older than `stalePlanMs` repeats
 * steps 2-3 for its txn (the `_txns` guard skips targets already done, so two finishers of one txn
 * are safe too). Contributions depend only on the final state, so the
 * counters equal those of a replay whatever the order of delivery. Returns the targets touched.
 */
export async function applyOnce(ledger: Ledger, entries: LedgerEntry[]): Promise<Set<string>> {
  const touched = new Set<string>();
  let pending = latestPerMark(entries);
  for (let attempt = 0; pending.length > 0; attempt += 1) {
    if (attempt === 5) throw new LedgerConflictError(`${pending.length} marks busy in other batches`);
    if (attempt > 0) await sleep(20 * attempt);
    const txn = randomUUID();
    const { planned, busy } = await plan(ledger, txn, pending);
    if (planned > 0) for (const target of await finish(ledger, txn)) touched.add(target);
    pending = busy;
  }
  return touched;
}

function latestPerMark(entries: LedgerEntry[]): LedgerEntry[] {
  const latest = new Map<string, LedgerEntry>();
  for (const entry of entries) {
    const seen = latest.get(entry.mark);
    if (!seen || entry.rank > seen.rank) latest.set(entry.mark, entry);
  }
  return [...latest.values()];
}

async function plan(ledger: Ledger, txn: string, entries: LedgerEntry[]) {
  const found = await ledger.marks.find({ _id: { $in: entries.map((entry) => entry.mark) } }).toArray();
  const marks = new Map(found.map((mark) => [mark._id, mark]));
  const ops: AnyBulkWriteOperation<MarkDoc>[] = [];
  const busy: LedgerEntry[] = [];
  for (const entry of entries) {
    const mark = marks.get(entry.mark);
    if (mark && mark.rank >= entry.rank) continue;
    if (mark?.plan) {
      if (Date.now() - mark.plan.at > ledger.stalePlanMs) await finish(ledger, mark.plan.txn);
      busy.push(entry);
      continue;
    }
    const next: Plan = {
      txn,
      rank: entry.rank,
      contributions: entry.contributions,
      delta: subtract(entry.contributions, mark?.contributions ?? []),
      at: Date.now(),
    };
    ops.push(
      mark
        ? { updateOne: { filter: { _id: entry.mark, rank: mark.rank, plan: null }, update: { $set: { plan: next } } } }
        : { insertOne: { document: { _id: entry.mark, rank: 0, contributions: [], plan: next } } },
    );
  }
  if (ops.length === 0) return { planned: 0, busy };
  let planned = 0;
  for (let i = 0; i < ops.length; i += BULK_CHUNK) {
    try {
      const result = await bulkWriteOnce(ledger.marks, ops.slice(i, i + BULK_CHUNK), { ordered: false });
      planned += result.insertedCount + result.modifiedCount;
    } catch (error) {
      // Another instance created the same mark first (duplicate key): those entries retry.
      if ((error as { code?: number }).code !== 11000) throw error;
    }
  }
  if (planned < ops.length) {
    const mine = new Set(
      (await ledger.marks.find({ 'plan.txn': txn }, { projection: { _id: 1 } }).toArray()).map((m) => m._id),
    );
    for (const entry of entries) {
      const mark = marks.get(entry.mark);
      if (!(mark && mark.rank >= entry.rank) && !mark?.plan && !mine.has(entry.mark)) busy.push(entry);
    }
    planned = mine.size;
  }
  return { planned, busy };
}

/** Steps 2 and 3 for one txn; safe to run again, and by another instance after a crash. */
async function finish(ledger: Ledger, txn: string): Promise<string[]> {
  const marks = await ledger.marks.find({ 'plan.txn': txn }).toArray();
  const sums = new Map<string, Record<string, number>>();
  for (const mark of marks) {
    for (const { target, inc } of mark.plan!.delta) {
      const sum = sums.get(target) ?? {};
      for (const [field, value] of Object.entries(inc)) sum[field] = (sum[field] ?? 0) + value;
      sums.set(target, sum);
    }
  }
  const targets = [...sums.keys()];
  if (targets.length > 0) {
    // The driver's filter types cannot express `_id: string` with operators on arrays.
    const ops: Document[] = targets.flatMap((target) => [
      { updateOne: { filter: { _id: target }, update: { $setOnInsert: ledger.newTarget(target) }, upsert: true } },
      {
        updateOne: {
          filter: { _id: target, _txns: { $ne: txn } },
          update: { $inc: { ...sums.get(target)!, _txnCount: 1 }, $push: { _txns: txn } },
        },
      },
    ]);
    await bulkWrite(ledger.targets, ops as AnyBulkWriteOperation<IdDoc>[]);
  }
  if (marks.length > 0) {
    await bulkWrite(
      ledger.marks,
      marks.map((mark) => ({
        updateOne: {
          filter: { _id: mark._id, 'plan.txn': txn },
          update: { $set: { rank: mark.plan!.rank, contributions: mark.plan!.contributions, plan: null } },
        },
      })),
    );
  }
  if (targets.length > 0) {
    // Applied txn ids stay (a late second finisher must still see them) but only the last few.
    const ops: Document[] = targets.map((target) => ({
      updateOne: {
        filter: { _id: target, _txnCount: { $gt: TXN_WINDOW } },
        update: { $pop: { _txns: -1 }, $inc: { _txnCount: -1 } },
      },
    }));
    await bulkWrite(ledger.targets, ops as AnyBulkWriteOperation<IdDoc>[]);
  }
  return targets;
}

/** `next - previous`, per target and field, leaving out zeros. */
export function subtract(next: Contribution[], previous: Contribution[]): Contribution[] {
  const sums = new Map<string, Record<string, number>>();
  const add = (list: Contribution[], sign: number) => {
    for (const { target, inc } of list) {
      const sum = sums.get(target) ?? {};
      for (const [field, value] of Object.entries(inc)) sum[field] = (sum[field] ?? 0) + sign * value;
      sums.set(target, sum);
    }
  };
  add(next, 1);
  add(previous, -1);
  return [...sums.entries()]
    .map(([target, inc]) => ({ target, inc: Object.fromEntries(Object.entries(inc).filter(([, v]) => v !== 0)) }))
    .filter((entry) => Object.keys(entry.inc).length > 0);
}
