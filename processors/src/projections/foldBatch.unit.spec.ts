import { mixedHistory } from '@scalemart/testkit';
import type { ShopEvent } from '@scalemart/contracts';
import type { Delivery } from '../delivery.js';
import { foldBatch } from './foldBatch.js';
import { PROJECTIONS } from './index.js';
import type { Projection, ReadModelDoc } from './projection.js';

const deliveries = (events: ShopEvent[]): Delivery[] =>
  events.map((event, i) => ({ event, streamSequence: i + 1, deliveries: 1, subject: event.type }));

/** Folds batches one after the other into one map, as a store would keep them. */
function project(projection: Projection<ReadModelDoc>, batches: Delivery[][]) {
  const docs = new Map<string, ReadModelDoc>();
  for (const batch of batches) {
    const { changed } = foldBatch(projection, (id) => docs.get(id), batch);
    for (const [id, { doc }] of changed) docs.set(id, doc);
  }
  return Object.fromEntries([...docs].sort(([a], [b]) => a.localeCompare(b)));
}

describe('foldBatch', () => {
  const all = deliveries(mixedHistory({ products: 3, orders: 60 }));

  it.each(PROJECTIONS.map((p) => [p.model, p] as const))(
    '%s: any split into batches folds the same',
    (_, projection) => {
      const once = project(projection, [all]);
      const singles = project(
        projection,
        all.map((d) => [d]),
      );
      const thirds = project(projection, [all.slice(0, 50), all.slice(50, 120), all.slice(120)]);
      expect(singles).toEqual(once);
      expect(thirds).toEqual(once);
      expect(Object.keys(once).length).toBeGreaterThan(0);
    },
  );

  it.each(PROJECTIONS.map((p) => [p.model, p] as const))(
    '%s: redelivered events change nothing twice',
    (_, projection) => {
      const once = project(projection, [all]);
      // A batch redelivered after its write (the ack was lost), and a takeover starting before it.
      const again = project(projection, [
        all.slice(0, 80),
        all.slice(40, 80),
        all.slice(20, 140),
        all.slice(0, 140),
        all.slice(100),
      ]);
      expect(again).toEqual(once);
    },
  );

  it('refuses an event evolve throws on, and still folds its batchmates', () => {
    const broken: Projection<ReadModelDoc> = {
      ...PROJECTIONS[1]!,
      evolve: (doc, event, id) => {
        if (event.type === 'OrderConfirmed') throw new Error('cannot');
        return PROJECTIONS[1]!.evolve(doc, event, id);
      },
    };
    const batch = all.slice(0, 20);
    const { changed, refused } = foldBatch(broken, () => undefined, batch);
    expect(refused.map((r) => r.delivery.event.type)).toEqual(
      batch.filter((d) => d.event.type === 'OrderConfirmed').map(() => 'OrderConfirmed'),
    );
    expect(changed.size).toBe(batch.filter((d) => d.event.type === 'OrderPlaced').length);
  });

  it('keeps the document untouched when every event of the batch is already in it', () => {
    const products = PROJECTIONS[0]!;
    const first = foldBatch(products, () => undefined, all.slice(0, 30)).changed;
    const replayed = foldBatch(products, (id) => first.get(id)?.doc, all.slice(0, 30));
    expect(replayed.changed.size).toBe(0);
  });
});
