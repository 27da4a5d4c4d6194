import { randomUUID } from 'node:crypto';
import type { AnyBulkWriteOperation, Collection, Document } from 'mongodb';
import { bulkWrite, insertNew } from '../projections/bulkWrite.js';
import type { IdDoc } from '../projections/projection.js';

/** What one entity (an order, a restock) adds to one target document's counters. */
export interface Contribution {
  target: string;
  inc: Record<string, number>;
}

/** The state an entity reached, and everything it contributes to counters in that state. */
export interface LedgerEntry {
  /** The entity (`order:<id>`, `restock:<eventId>`). */
  mark: string;
  /** States only move forward: the highest rank recorded for an entity is the one that counts. */
  rank: number;
  /** An entry that contributes nothing to a target still lists it (with `inc: {}`). */
  contributions: Contribution[];
  /** A versioned fact (stock): the highest version among a target's marks is `$set` on it. */
  fact?: Fact;
}

export interface Fact {
  version: number;
  set: Record<string, unknown>;
}

/** What a state of an entity means for one target. */
export interface Mark {
  entity: string;
  rank: number;
  inc: Record<string, number>;
  fact?: Fact;
}

/**
 * A page: the marks one batch recorded for one target; immutable, never removed. A redelivered
 * batch writes another page with the same marks: the tally reads each (entity, rank) once.
 */
export interface MarkDoc extends Document {
  /** `<target>|<uuid>`. */
  _id: string;
  target: string;
  /**
   * The marks as one JSON string, not an array of documents: FerretDB v1 decodes every page on
   * each read of the ledger (no index is used), and a string costs it a fraction of thousands of
   * nested documents; V8 parses it here instead. Pages written before that hold the array.
   */
  marks: string | Mark[];
}

const marksOf = (page: MarkDoc): Mark[] =>
  typeof page.marks === 'string' ? (JSON.parse(page.marks) as Mark[]) : page.marks;

export interface Ledger {
  marks: Collection<MarkDoc>;
  targets: Collection<IdDoc>;
  /** The document a missing target starts as (counters at 0). */
  newTarget(id: string): Document;
  /**
   * Given only when the caller is the one writer of these collections (a rebuild into fresh ones):
   * the tallies of everything it recorded, so nothing is read back and nothing needs verifying.
   */
  soleWriter?: Map<string, TargetTally>;
}

/** A target's marks folded: per entity the highest rank, the highest fact, and how many pages. */
export interface TargetTally {
  latest: Map<string, Mark>;
  /** Every counter any mark names: one that fell back to 0 is still written. */
  fields: Set<string>;
  fact?: Fact;
  pages: number;
}

/**
 * Applies counter contributions exactly once, without transactions, under redelivery, replay,
 * reordering, crashes and several instances (issue 4). FerretDB v1 makes every update an SQLite
 * transaction (4-11 ms) while inserts batch at ~0.3 ms, so the ledger is insert-only:
 *   1. record: insert, per target, one immutable page of the marks (entity, rank, contribution)
 *      of the batch (one insert per target, not per entity: FerretDB v1 pays per document);
 *   2. recompute: each target's counters are the sum, over its entities, of the contribution of
 *      the entity's highest rank; written as absolute values with a plain `_id` filter, then
 *      verified: if the target has more pages than the values were computed from (pages are never
 *      removed: a bigger count is a superset), recompute and write again.
 * Step 2 runs for every target of the batch even when all its marks existed, so a crash between
 * the two steps is repaired by the redelivery; running it twice, or concurrently, is harmless
 * (absolute values; a stale write is followed by its writer's own failed verification, or by a
 * redelivery if that writer crashed before acking). Counters equal a replay's
 * whatever the order of delivery. A sole writer (`ledger.soleWriter`, a rebuild) skips the reads
 * and the verification: it folds the pages it records into its own tallies. Returns the targets touched.
 */
export async function applyOnce(
  ledger: Ledger,
  entries: LedgerEntry[],
  extra = new Map<string, Document>(),
): Promise<Set<string>> {
  const touched = new Set([
    ...entries.flatMap((entry) => entry.contributions.map((c) => c.target)),
    ...extra.keys(),
  ]);
  if (touched.size === 0) return touched;
  const pages = await record(ledger, entries);
  if (ledger.soleWriter)
    await writeAsSoleWriter(ledger, ledger.soleWriter, pages, [...touched], extra);
  else await recompute(ledger, [...touched], extra);
  return touched;
}

/**
 * Marks per page: a rebuild folds tens of thousands of events per batch, and a document must stay
 * far below MongoDB's 16 MB (a mark is ~80 bytes).
 */
export const MARKS_PER_PAGE = 2_000;

/** A page as recorded, its marks still as objects (what the sole writer folds, unparsed). */
interface RecordedPage {
  target: string;
  marks: Mark[];
}

async function record(ledger: Ledger, entries: LedgerEntry[]): Promise<RecordedPage[]> {
  const pages = new Map<string, Map<string, Mark>>();
  for (const { mark: entity, rank, contributions, fact } of entries) {
    for (const { target, inc } of contributions) {
      const page = pages.get(target) ?? new Map<string, Mark>();
      pages.set(target, page);
      page.set(`${entity}#${rank}`, { entity, rank, inc, ...(fact ? { fact } : {}) });
    }
  }
  const recorded = [...pages].flatMap(([target, byKey]) => {
    const marks = [...byKey.values()];
    return Array.from(
      { length: Math.ceil(marks.length / MARKS_PER_PAGE) },
      (_, i): RecordedPage => ({
        target,
        marks: marks.slice(i * MARKS_PER_PAGE, (i + 1) * MARKS_PER_PAGE),
      }),
    );
  });
  await insertNew(
    ledger.marks,
    recorded.map(({ target, marks }): MarkDoc => ({
      _id: `${target}|${randomUUID()}`,
      target,
      marks: JSON.stringify(marks),
    })),
  );
  return recorded;
}

/** Rounds of write-then-verify before giving up (the batch is retried by redelivery). */
const MAX_ROUNDS = 5;

export class LedgerConflictError extends Error {
  override readonly name = 'LedgerConflictError';
}

/**
 * `extra`: per target, commutative or idempotent update parts (`$max`, `$min`, a `$set` of
 * immutable fields) that ride along with the counters' write, so a document costs one update.
 */
async function recompute(
  ledger: Ledger,
  targets: string[],
  extra: Map<string, Document>,
): Promise<void> {
  let tallies = await tally(ledger, targets);
  // A target seen for the first time is inserted with its values (an insert costs a fraction of an
  // update on FerretDB v1, and a rebuild meets nothing but first times); the rest are updated.
  const existing = await insertNew(
    ledger.targets,
    targets.map((t) => freshTarget(ledger, t, tallies.get(t)!, extra)),
  );
  let pending = targets.filter((t) => existing.has(t));
  for (let round = 0; ; round += 1) {
    if (round === MAX_ROUNDS)
      throw new LedgerConflictError(`counters of ${tallies.size} targets kept changing`);
    await bulkWrite(
      ledger.targets,
      pending.map((t) => counterUpdate(t, tallies.get(t)!, extra)),
    );
    // Verify after writing: a concurrent instance may have written values computed from fewer
    // marks after ours, but then it had fewer than there are now, so it sees a change and writes
    // again itself; if the count here moved, our own read was stale and this round repeats.
    // Whoever writes last has verified its values against every mark existing by then.
    const now = await pageCounts(ledger, [...tallies.keys()]);
    const moved = [...tallies.keys()].filter((t) => now.get(t) !== tallies.get(t)!.pages);
    if (moved.length === 0) return;
    tallies = await tally(ledger, moved);
    pending = moved;
  }
}

/** The sole writer folds its own pages in memory: new targets are inserted whole, known ones updated. */
async function writeAsSoleWriter(
  ledger: Ledger,
  memory: Map<string, TargetTally>,
  pages: RecordedPage[],
  targets: string[],
  extra: Map<string, Document>,
) {
  const known = new Set(targets.filter((t) => memory.has(t)));
  for (const t of targets) if (!memory.has(t)) memory.set(t, emptyTally());
  for (const { target, marks } of pages) foldPage(memory.get(target)!, marks);
  // A target new to the ledger may exist already (products are created before their counters).
  const existing = await insertNew(
    ledger.targets,
    targets.filter((t) => !known.has(t)).map((t) => freshTarget(ledger, t, memory.get(t)!, extra)),
  );
  await bulkWrite(
    ledger.targets,
    [...known, ...existing].map((t) => counterUpdate(t, memory.get(t)!, extra)),
  );
}

const emptyTally = (): TargetTally => ({ latest: new Map(), fields: new Set(), pages: 0 });

function foldPage(tally: TargetTally, marks: Mark[]): void {
  tally.pages += 1;
  for (const mark of marks) {
    const seen = tally.latest.get(mark.entity);
    if (!seen || mark.rank > seen.rank) tally.latest.set(mark.entity, mark);
    for (const field of Object.keys(mark.inc)) tally.fields.add(field);
    if (mark.fact && mark.fact.version > (tally.fact?.version ?? -Infinity)) tally.fact = mark.fact;
  }
}

/** Counters (per entity, the contribution of its highest rank), the newest fact, and `_marks`. */
function valuesOf(tally: TargetTally): Document {
  const sums: Record<string, number> = Object.fromEntries(
    [...tally.fields].map((field) => [field, 0]),
  );
  for (const mark of tally.latest.values())
    for (const [field, value] of Object.entries(mark.inc)) sums[field] = (sums[field] ?? 0) + value;
  return { ...tally.fact?.set, ...sums, _marks: tally.pages };
}

function freshTarget(
  ledger: Ledger,
  target: string,
  tally: TargetTally,
  extra: Map<string, Document>,
): IdDoc {
  return {
    ...onNew({ ...ledger.newTarget(target) }, extra.get(target) ?? {}),
    ...valuesOf(tally),
    _id: target,
  };
}

/** Plain `_id` filters (FerretDB v1 pushes them down; a guard field makes it ~3x slower). */
function counterUpdate(
  target: string,
  tally: TargetTally,
  extra: Map<string, Document>,
): AnyBulkWriteOperation<IdDoc> {
  const { $set, ...rest } = extra.get(target) ?? {};
  return {
    updateOne: {
      filter: { _id: target },
      update: { ...rest, $set: { ...($set as Document | undefined), ...valuesOf(tally) } },
    },
  };
}

/** The operand of `$max` / `$min`: per field, a value compared as is (ISO timestamps, numbers). */
type Bounds = Record<string, string | number>;

/** What `$set`, `$max` and `$min` (top-level fields) make of a document that is being created. */
function onNew(doc: Document, update: Document): Document {
  Object.assign(doc, update.$set);
  for (const [field, value] of Object.entries((update.$max ?? {}) as Bounds))
    if (doc[field] === undefined || value > doc[field]) doc[field] = value;
  for (const [field, value] of Object.entries((update.$min ?? {}) as Bounds))
    if (doc[field] === undefined || value < doc[field]) doc[field] = value;
  return doc;
}

/** How many pages each target has; the verification reads only this, not the marks. */
async function pageCounts(ledger: Ledger, targets: string[]): Promise<Map<string, number>> {
  const pages = await ledger.marks
    .find({ target: { $in: targets } }, { projection: { target: 1 } })
    .toArray();
  const count = new Map<string, number>(targets.map((t) => [t, 0]));
  for (const { target } of pages) if (count.has(target)) count.set(target, count.get(target)! + 1);
  return count;
}

/** Each target's marks folded from all its pages. */
async function tally(ledger: Ledger, targets: string[]): Promise<Map<string, TargetTally>> {
  const tallies = new Map(targets.map((t) => [t, emptyTally()]));
  for (const page of await ledger.marks.find({ target: { $in: targets } }).toArray()) {
    const t = tallies.get(page.target);
    if (t) foldPage(t, marksOf(page));
  }
  return tallies;
}
