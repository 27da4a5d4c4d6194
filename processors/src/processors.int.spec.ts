import { CONSUMERS, READ_MODEL_COLLECTIONS, type DeadLettered } from '@scalemart/contracts';
import { waitFor } from '@scalemart/testkit';
import { rebuild } from './replay/rebuild.js';
import { startProcessors, type RunningProcessors } from './startProcessors.js';
import { drained, harness, mixedHistory, readModels, type Harness } from './testing/fixtures.js';

const PROJECTION_DURABLES = [CONSUMERS.projections];

describe('processors', () => {
  let h: Harness;
  const running: RunningProcessors[] = [];
  beforeAll(async () => (h = await harness()));
  afterAll(async () => {
    await Promise.all(running.map((p) => p.close()));
    await h.close();
  });

  it('dead-letters a poison message and still projects the good events after it', async () => {
    const noticed = h.nc.subscribe(h.ns.naming.notice('dead-letter'), { max: 1 });
    running.push(await startProcessors(h.config({ jobs: ['projections'] })));
    await h.js.publish(
      h.ns.naming.subjectFor('OrderPlaced', 'bad'),
      '{"type":"OrderPlaced","oops":true}',
    );
    const [good] = mixedHistory({ products: 1, orders: 1 }).filter((e) => e.type === 'OrderPlaced');
    await h.publish([good!]);
    await waitFor(() => h.db.collection('orders').findOne({ _id: good!.aggregateId as never }), {
      what: 'the good order',
    });
    const letters = await waitFor(
      async () => {
        const found = await h.db.collection(READ_MODEL_COLLECTIONS.deadLetters).find({}).toArray();
        return found.length > 0 ? found : undefined;
      },
      { what: 'the dead letter' },
    );
    // jest types its asymmetric matchers `any`; held as `unknown`, the literal around it stays typed.
    const notAnEnvelope: unknown = expect.stringContaining('not an event envelope');
    expect(letters).toEqual([
      expect.objectContaining({
        consumer: CONSUMERS.projections,
        deliveries: 1,
        reason: notAnEnvelope,
      }),
    ]);
    for await (const msg of noticed) {
      expect(msg.json<DeadLettered>().id).toBe(letters[0]!.id);
    }
    await Promise.all(running.splice(0).map((p) => p.close()));
  });

  it('two instances on the same durables project mixed events once; a rebuild gives identical documents', async () => {
    await h.close();
    h = await harness(); // a namespace of its own: nothing left over from the poison test
    running.push(await startProcessors(h.config({ jobs: ['projections'], batchSize: 200 })));
    running.push(await startProcessors(h.config({ jobs: ['projections'], batchSize: 200 })));
    const events = mixedHistory({ products: 4, orders: 150 });
    await h.publish(events);
    await waitFor(() => drained(h.nc, h.ns, PROJECTION_DURABLES), {
      timeoutMs: 90_000,
      what: 'projections drained',
    });
    const live = await readModels(h.db);

    const confirmed = events.filter((e) => e.type === 'OrderConfirmed');
    const soldUnits = confirmed.reduce(
      (sum, e) => sum + (e.data as { quantity: number }).quantity,
      0,
    );
    expect(live.orders).toHaveLength(150);
    expect(live.products.reduce((sum, p) => sum + (p.sold as number), 0)).toBe(soldUnits);
    expect(live.products.every((p) => p.pending === 0)).toBe(true);
    const total = live.sales.filter((b) => b.productId === null);
    expect(total.reduce((sum, b) => sum + (b.orders as number), 0)).toBe(confirmed.length);

    // Full replay into an empty throwaway database equals the live read models.
    const scratch = h.mongo.db(`${h.ns.mongoDbName}_replay`);
    const report = await rebuild({
      nc: h.nc,
      naming: h.ns.naming,
      db: scratch,
      models: ['products', 'orders', 'sales'],
      mode: 'direct',
    });
    expect(report.events).toBe(events.length);
    expect(await readModels(scratch)).toEqual(live);
    await scratch.dropDatabase();

    // Rebuild-and-swap leaves the same documents in the live collections.
    await rebuild({
      nc: h.nc,
      naming: h.ns.naming,
      db: h.db,
      models: ['products', 'orders', 'sales'],
    });
    expect(await readModels(h.db)).toEqual(live);
  }, 150_000);
});
