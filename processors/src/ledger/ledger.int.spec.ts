import { harness, type Harness } from '../testing/fixtures.js';
import type { IdDoc } from '../projections/projection.js';
import { applyOnce, type Ledger, type LedgerEntry, type MarkDoc } from './ledger.js';

const placed = (order: string, q: number): LedgerEntry => ({
  mark: `order:${order}`,
  rank: 1,
  contributions: [{ target: 'p', inc: { pending: q } }],
});
const confirmed = (order: string, q: number): LedgerEntry => ({
  mark: `order:${order}`,
  rank: 2,
  contributions: [{ target: 'p', inc: { sold: q } }],
});
const rejected = (order: string): LedgerEntry => ({
  mark: `order:${order}`,
  rank: 2,
  contributions: [{ target: 'p', inc: {} }],
});

describe('ledger', () => {
  let h: Harness;
  let n = 0;
  beforeAll(async () => (h = await harness()));
  afterAll(() => h.close());

  const ledger = (): Ledger => {
    n += 1;
    return {
      marks: h.db.collection<MarkDoc>(`marks_${n}`),
      targets: h.db.collection<IdDoc>(`targets_${n}`),
      newTarget: () => ({ pending: 0, sold: 0 }),
    };
  };
  const counters = async (l: Ledger) => {
    const doc = await l.targets.findOne({ _id: 'p' });
    return { pending: doc?.pending, sold: doc?.sold };
  };

  it('counts each state once whatever the order and repetition', async () => {
    const l = ledger();
    await applyOnce(l, [confirmed('a', 2), placed('b', 1)]);
    await applyOnce(l, [placed('a', 2), placed('a', 2), placed('c', 3), rejected('c')]);
    await applyOnce(l, [placed('b', 1), confirmed('a', 2)]);
    expect(await counters(l)).toEqual({ pending: 1, sold: 2 });
  });

  it('gives a sole writer (a rebuild) the counters the shared path computes, without reading back', async () => {
    const batches = [
      [placed('a', 2), placed('b', 1)],
      [confirmed('a', 2), placed('c', 3)],
      [rejected('c'), placed('a', 2)],
    ];
    const shared = ledger();
    for (const batch of batches) await applyOnce(shared, batch);
    const sole = { ...ledger(), soleWriter: new Map() };
    // A target that exists before its first counters (as products do) is updated, not skipped.
    await sole.targets.insertOne({ _id: 'p', pending: 0, sold: 0 });
    for (const batch of batches) await applyOnce(sole, batch);
    expect(await counters(sole)).toEqual(await counters(shared));
    expect(await counters(sole)).toEqual({ pending: 1, sold: 2 });
  });

  it('repairs a crash between recording the marks and writing the counters', async () => {
    const l = ledger();
    await applyOnce(l, [placed('a', 2)]);
    // The crashed batch got its marks in, not its counters (written as an earlier version did: an array).
    await l.marks.insertOne({
      _id: 'p|crashed',
      target: 'p',
      marks: [{ entity: 'order:a', rank: 2, inc: { sold: 2 } }],
    });
    expect(await counters(l)).toEqual({ pending: 2, sold: 0 });
    await applyOnce(l, [confirmed('a', 2)]); // the redelivery: every mark exists already
    expect(await counters(l)).toEqual({ pending: 0, sold: 2 });
  });

  it('ends exact when batches of several instances race on one target, and repairs a stale write', async () => {
    const l = ledger();
    const orders = Array.from({ length: 12 }, (_, i) => `o${i}`);
    // Separate ledger objects: what separate instances would hold (they share the lane here).
    await Promise.all(
      orders.map((o, i) =>
        applyOnce({ ...l }, i % 3 === 0 ? [placed(o, 1)] : [placed(o, 1), confirmed(o, 1)]),
      ),
    );
    expect(await counters(l)).toEqual({ pending: 4, sold: 8 });
    // A stale write left by an instance that crashed before verifying (and before acking).
    await l.targets.updateOne({ _id: 'p' }, { $set: { pending: 0, sold: 0 } });
    await applyOnce(l, [placed('o0', 1)]); // the redelivery of its batch
    expect(await counters(l)).toEqual({ pending: 4, sold: 8 });
  });
});
