import { OrderPage, OrderView, ProblemDetails } from '@scalemart/contracts';
import { createTestNamespace } from '@scalemart/testkit';
import { backdoor, getAs, order, startInstance, tokenFor } from '../testing/fixtures.js';
import { firstRawItem } from '../testing/rawBody.js';

const ns = createTestNamespace();
let api: Awaited<ReturnType<typeof startInstance>>;
let db: Awaited<ReturnType<typeof backdoor>>;
const alice = tokenFor('alice');
const bob = tokenFor('bob');
const base = Date.parse('2026-03-01T10:00:00.000Z');
// 25 orders for alice, several sharing a placedAt (the cursor's tie-breaker matters), 3 for bob.
const aliceOrders = Array.from({ length: 25 }, (_, i) =>
  order('alice', base + Math.floor(i / 3) * 1000),
);
const bobOrders = Array.from({ length: 3 }, (_, i) => order('bob', base + i * 500));

beforeAll(async () => {
  db = await backdoor(ns);
  await db.models.orders.insertMany([...aliceOrders, ...bobOrders]);
  api = await startInstance(ns);
});
afterAll(async () => {
  await api?.close();
  await db?.close();
});

const get = (path: string, token?: string) => getAs(api.url, path, token);

describe('GET /api/orders', () => {
  it("pages the caller's orders newest first, stable while new orders arrive", async () => {
    const seen: OrderView[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await get(
        `/api/orders?limit=10${cursor ? `&cursor=${cursor}` : ''}`,
        alice,
      ).expect(200);
      const page = OrderPage.parse(res.body);
      seen.push(...page.orders);
      cursor = page.nextCursor;
      // A newer order placed between pages must not shift what later pages return.
      if (pages++ === 0) await db.models.orders.insertOne(order('alice', Date.now()));
    } while (cursor);
    const expected = [...aliceOrders]
      .sort((a, b) => b.placedAt.localeCompare(a.placedAt) || b.orderId.localeCompare(a.orderId))
      .map((o) => o.orderId);
    expect(seen.map((o) => o.orderId)).toEqual(expected);
    expect(pages).toBe(3);
  });

  it('returns view fields only, never bookkeeping', async () => {
    const res = await get('/api/orders?limit=1', bob).expect(200);
    expect(
      Object.keys(firstRawItem(res.body, 'orders')).filter((key) => key.startsWith('_')),
    ).toEqual([]);
    expect(firstRawItem(res.body, 'orders').userId).toBe('bob');
  });

  it("never lists another user's orders", async () => {
    const res = await get('/api/orders?limit=100', bob).expect(200);
    expect(OrderPage.parse(res.body).orders.map((o) => o.userId)).toEqual(['bob', 'bob', 'bob']);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=ten', 'limit'],
    ['cursor=not-a-cursor', 'cursor'],
    ['sort=asc', ''],
    ['limit=1&limit=2', 'limit'],
  ])('refuses %s with 422', async (query, path) => {
    const res = await get(`/api/orders?${query}`, alice).expect(422);
    const problem = ProblemDetails.parse(JSON.parse(res.text));
    expect(problem.code).toBe('invalid_request');
    expect(problem.issues?.map((issue) => issue.path)).toContain(path);
  });

  it('refuses anonymous and forged callers with 401', async () => {
    await get('/api/orders').expect(401);
    const res = await get('/api/orders', `${alice}x`).expect(401);
    expect(ProblemDetails.parse(JSON.parse(res.text)).code).toBe('unauthorized');
  });
});

describe('GET /api/orders/:id', () => {
  it("returns the caller's own order", async () => {
    const res = await get(`/api/orders/${aliceOrders[0]!.orderId}`, alice).expect(200);
    expect(OrderView.parse(res.body).orderId).toBe(aliceOrders[0]!.orderId);
  });

  it("answers 404 for someone else's order, as for a missing one", async () => {
    const res = await get(`/api/orders/${bobOrders[0]!.orderId}`, alice).expect(404);
    expect(ProblemDetails.parse(JSON.parse(res.text)).code).toBe('not_found');
  });

  it('refuses an id that is not an order id with 422', async () => {
    await get('/api/orders/nope', alice).expect(422);
  });
});
