import type { OrderChanged, OrderView } from '@scalemart/contracts';
import { createTestNamespace, waitFor } from '@scalemart/testkit';
import { backdoor, order } from '../testing/fixtures.js';
import { createOrderBatcher } from './orderBatcher.js';

const ns = createTestNamespace();
let db: Awaited<ReturnType<typeof backdoor>>;
beforeAll(async () => (db = await backdoor(ns)));
afterAll(() => db?.close());

const noticeFor = (doc: OrderView, over: Partial<OrderChanged> = {}): OrderChanged => ({
  kind: 'order',
  orderId: doc.orderId,
  userId: doc.userId,
  productId: doc.productId,
  status: doc.status,
  eventAt: new Date().toISOString(),
  ...over,
});

describe('createOrderBatcher', () => {
  it("pushes the stored order, collapses repeats, and never trusts the notice's user", async () => {
    const mine = order('alice', Date.now(), { status: 'confirmed' });
    const other = order('bob', Date.now());
    const carols = order('carol', Date.now());
    await db.models.orders.insertMany([mine, other, carols]);
    const pushed: { orderId: string; userId: string; status: string }[] = [];
    const errors: unknown[] = [];
    const batcher = createOrderBatcher(
      db.models,
      (doc) => pushed.push(doc),
      (error) => errors.push(error),
    );
    batcher.offer(noticeFor(mine, { status: 'pending' }));
    batcher.offer(noticeFor(mine));
    batcher.offer(noticeFor(carols, { userId: 'mallory' })); // a notice naming the wrong user
    batcher.offer(noticeFor(other));
    batcher.offer(noticeFor(mine, { orderId: '00000000-0000-4000-8000-000000000000' })); // not stored
    await waitFor(() => pushed.some((doc) => doc.userId === 'bob'), { what: "bob's push" });
    await waitFor(() => pushed.some((doc) => doc.userId === 'alice'), { what: "alice's push" });
    expect(pushed.filter((doc) => doc.orderId === mine.orderId).at(-1)?.status).toBe('confirmed');
    expect(pushed.filter((doc) => doc.orderId === mine.orderId).length).toBeLessThanOrEqual(2);
    expect(pushed.filter((doc) => doc.orderId === other.orderId)).toHaveLength(1);
    expect(pushed.filter((doc) => doc.orderId === carols.orderId)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
