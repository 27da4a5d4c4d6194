import { decodeEventJson, newEvent } from '@scalemart/contracts';
import { waitFor } from '@scalemart/testkit';
import { request } from '../testing/httpClient.js';
import { anyString, orderIdOf, problemCode, problemOf } from '../testing/responseBodies.js';
import { startHarness, type Harness } from '../testing/harness.js';

describe('POST /api/orders', () => {
  let h: Harness;
  const buy = (token: string, body: unknown, headers: Record<string, string> = {}, port = h.port) =>
    request({ port, path: '/api/orders', token, body, headers });

  beforeAll(async () => {
    h = await startHarness({ instances: 2 });
  });
  afterAll(() => h.close());

  it('reserves, publishes OrderPlaced with the request id as correlationId, and answers 202', async () => {
    await h.seedProduct({ productId: 'lamp', stock: 5, perUserLimit: 2 });
    const res = await buy(
      h.token('ada'),
      { productId: 'lamp', quantity: 2 },
      { 'x-request-id': 'req-lamp-1' },
    );
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ orderId: anyString, status: 'pending' });
    expect(res.headers['x-request-id']).toBe('req-lamp-1');
    const snapshot = await h.store.snapshot('lamp');
    expect(snapshot).toMatchObject({ available: 3, buyers: { ada: 2 }, outbox: [] });
    const message = await h.jsm.streams.getMessage(h.ns.naming.stream, {
      last_by_subj: h.ns.naming.subjectFor('OrderPlaced', orderIdOf(res)),
    });
    const event = decodeEventJson(message!.string());
    expect(event).toMatchObject({
      id: orderIdOf(res),
      type: 'OrderPlaced',
      correlationId: 'req-lamp-1',
      data: {
        userId: 'ada',
        productId: 'lamp',
        quantity: 2,
        unitPriceCents: 500,
        totalCents: 1000,
        currency: 'EUR',
        availableAfter: 3,
      },
    });
  });

  it('gives each refusal its code and status', async () => {
    await h.seedProduct({ productId: 'gone', stock: 1 });
    await h.seedProduct({ productId: 'later', stock: 1, open: false });
    await h.seedProduct({ productId: 'one-each', stock: 10, perUserLimit: 1 });
    expect((await buy(h.token('bob'), { productId: 'gone', quantity: 1 })).status).toBe(202);
    const cases = [
      [{ productId: 'gone', quantity: 1 }, 409, 'sold_out'],
      [{ productId: 'later', quantity: 1 }, 403, 'sale_not_open'],
      [{ productId: 'nothing-here', quantity: 1 }, 404, 'unknown_product'],
    ] as const;
    for (const [body, status, code] of cases) {
      const res = await buy(h.token('carol'), body);
      expect([res.status, problemCode(res)]).toEqual([status, code]);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect((await buy(h.token('dan'), { productId: 'one-each', quantity: 1 })).status).toBe(202);
    const again = await buy(
      h.token('dan'),
      { productId: 'one-each', quantity: 1 },
      {},
      h.apis[1]!.port,
    );
    expect([again.status, problemCode(again)]).toEqual([409, 'limit_reached']);
    expect((await h.store.snapshot('one-each')).buyers).toEqual({ dan: 1 });
  });

  it('sells again right after a restock, though the sell-out was remembered in memory', async () => {
    await h.seedProduct({ productId: 'restocked', stock: 1, perUserLimit: 5 });
    const admin = h.token('boss', 'admin');
    expect((await buy(h.token('eve'), { productId: 'restocked', quantity: 1 })).status).toBe(202);
    for (const api of h.apis) {
      expect(
        problemCode(
          await buy(h.token('eve'), { productId: 'restocked', quantity: 1 }, {}, api.port),
        ),
      ).toBe('sold_out');
      expect(api.soldOut.isSoldOut('restocked', 1)).toBe(true);
    }
    const restock = await request({
      port: h.port,
      path: '/api/admin/products/restocked/restock',
      token: admin,
      body: { quantity: 2 },
    });
    expect(restock.status).toBe(200);
    // The other instance hears of the restock through the event's subject.
    await waitFor(() => !h.apis[1]!.soldOut.isSoldOut('restocked', 1), {
      what: 'the restock notice',
    });
    expect(
      (await buy(h.token('eve'), { productId: 'restocked', quantity: 1 }, {}, h.apis[1]!.port))
        .status,
    ).toBe(202);
  });

  it('answers a repeated Idempotency-Key with the first answer and reserves nothing', async () => {
    await h.seedProduct({ productId: 'mug', stock: 10, perUserLimit: 3 });
    const token = h.token('fay');
    const key = { 'idempotency-key': 'fay-mug-0001' };
    const first = await buy(token, { productId: 'mug', quantity: 1 }, key);
    const second = await buy(token, { productId: 'mug', quantity: 1 }, key, h.apis[1]!.port);
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.body).toEqual(first.body);
    expect(await h.store.snapshot('mug')).toMatchObject({ available: 9, buyers: { fay: 1 } });
    const { orderPlaced } = await h.stream();
    expect(orderPlaced[h.ns.naming.subjectFor('OrderPlaced', orderIdOf(first))]).toBe(1);
    // Another user with the same key is another purchase.
    expect(orderIdOf(await buy(h.token('gus'), { productId: 'mug', quantity: 1 }, key))).not.toBe(
      orderIdOf(first),
    );
    // The same key for a different purchase is refused, not silently turned into a second order.
    const conflict = await buy(token, { productId: 'mug', quantity: 2 }, key);
    expect([conflict.status, problemCode(conflict)]).toEqual([409, 'idempotency_conflict']);
    expect(await h.store.snapshot('mug')).toMatchObject({
      available: 8,
      buyers: { fay: 1, gus: 1 },
    });
  });

  it('replays a sell-out to its key after a restock without making others believe it', async () => {
    await h.seedProduct({ productId: 'vase', stock: 1, perUserLimit: 5 });
    expect((await buy(h.token('kim'), { productId: 'vase', quantity: 1 })).status).toBe(202);
    const key = { 'idempotency-key': 'lee-vase-0001' };
    expect(problemCode(await buy(h.token('lee'), { productId: 'vase', quantity: 1 }, key))).toBe(
      'sold_out',
    );
    await h.store.restock(
      newEvent(
        'StockReplenished',
        1,
        { productId: 'vase', quantity: 5, available: 0, stockVersion: 0 },
        { aggregateId: 'vase', correlationId: 't', causationId: 't' },
      ),
    );
    h.apis[0]!.soldOut.forget('vase'); // as the restock's notice would
    // The retry gets its first answer...
    expect(problemCode(await buy(h.token('lee'), { productId: 'vase', quantity: 1 }, key))).toBe(
      'sold_out',
    );
    // ...and that old answer is not remembered as the product's state.
    expect((await buy(h.token('max'), { productId: 'vase', quantity: 1 })).status).toBe(202);
  });

  it('refuses the 11th purchase in a minute with 429, counted across both instances', async () => {
    await h.seedProduct({ productId: 'pen', stock: 100, perUserLimit: 100 });
    const token = h.token('hal');
    for (let i = 0; i < 10; i += 1) {
      const res = await buy(token, { productId: 'pen', quantity: 1 }, {}, h.apis[i % 2]!.port);
      expect(res.status).toBe(202);
      expect(res.headers.ratelimit).toMatch(/limit=10, remaining=\d+, reset=\d+/);
    }
    const limited = await buy(token, { productId: 'pen', quantity: 1 }, {}, h.apis[1]!.port);
    expect([limited.status, problemCode(limited)]).toEqual([429, 'rate_limited']);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(problemOf(limited).retryAfterSeconds).toBe(Number(limited.headers['retry-after']));
    expect(limited.headers['ratelimit-policy']).toBe('10;w=60');
    expect((await h.store.snapshot('pen')).buyers).toEqual({ hal: 10 });
    // Another user is not affected.
    expect((await buy(h.token('ivy'), { productId: 'pen', quantity: 1 })).status).toBe(202);
  });
});
