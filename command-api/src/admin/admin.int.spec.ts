import { decodeEventJson } from '@scalemart/contracts';
import { request } from '../testing/httpClient.js';
import { adminAnswerOf, anyString, orderIdOf, problemCode } from '../testing/responseBodies.js';
import { startHarness, type Harness } from '../testing/harness.js';

describe('admin commands', () => {
  let h: Harness;
  let admin: string;
  const post = (path: string, body: unknown = {}) =>
    request({ port: h.port, path, body, token: admin, headers: { 'x-request-id': 'admin-req-1' } });
  const lastEvent = async (
    type: Parameters<Harness['ns']['naming']['subjectFor']>[0],
    id: string,
  ) =>
    decodeEventJson(
      (await h.jsm.streams.getMessage(h.ns.naming.stream, {
        last_by_subj: h.ns.naming.subjectFor(type, id),
      }))!.string(),
    );

  beforeAll(async () => {
    h = await startHarness();
    admin = h.token('root', 'admin');
  });
  afterAll(() => h.close());

  it('creates a product, schedules its sale, restocks and ends it, publishing each event', async () => {
    const created = await post('/api/admin/products', {
      productId: 'kettle',
      name: 'Kettle',
      priceCents: 4000,
      initialStock: 3,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      eventId: anyString,
      productId: 'kettle',
      initialStock: 3,
      currency: 'EUR',
      stockVersion: 1,
    });
    expect(await lastEvent('ProductCreated', 'kettle')).toMatchObject({
      id: adminAnswerOf(created).eventId,
      correlationId: 'admin-req-1',
    });

    const startsAt = new Date(Date.now() - 1000).toISOString();
    const endsAt = new Date(Date.now() + 3_600_000).toISOString();
    const sale = await post('/api/admin/products/kettle/sale', {
      startsAt,
      endsAt,
      perUserLimit: 2,
      salePriceCents: 2500,
    });
    expect([sale.status, sale.body]).toEqual([
      200,
      expect.objectContaining({ productId: 'kettle', perUserLimit: 2 }),
    ]);
    expect((await lastEvent('SaleScheduled', 'kettle')).id).toBe(adminAnswerOf(sale).eventId);

    const restock = await post('/api/admin/products/kettle/restock', { quantity: 7 });
    expect([restock.status, restock.body]).toEqual([
      200,
      expect.objectContaining({ quantity: 7, available: 10, stockVersion: 2 }),
    ]);
    expect((await lastEvent('StockReplenished', 'kettle')).id).toBe(adminAnswerOf(restock).eventId);

    const bought = await request({
      port: h.port,
      path: '/api/orders',
      token: h.token('ann'),
      body: { productId: 'kettle', quantity: 2 },
    });
    expect(bought.status).toBe(202);
    expect((await lastEvent('OrderPlaced', orderIdOf(bought))).data).toMatchObject({
      unitPriceCents: 2500,
      totalCents: 5000,
    });

    const ended = await post('/api/admin/products/kettle/sale/end');
    expect([ended.status, ended.body]).toEqual([
      200,
      expect.objectContaining({ productId: 'kettle', reason: 'ended_early' }),
    ]);
    const late = await request({
      port: h.port,
      path: '/api/orders',
      token: h.token('ben'),
      body: { productId: 'kettle', quantity: 1 },
    });
    expect([late.status, problemCode(late)]).toEqual([403, 'sale_not_open']);
    expect(await h.store.snapshot('kettle')).toMatchObject({ available: 8, outbox: [] });
  });

  it('generates a product id when none is given', async () => {
    const created = await post('/api/admin/products', {
      name: 'Anonymous',
      priceCents: 100,
      initialStock: 0,
    });
    expect(created.status).toBe(201);
    expect(adminAnswerOf(created).productId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses what cannot be done, changing nothing', async () => {
    await post('/api/admin/products', {
      productId: 'chair',
      name: 'Chair',
      priceCents: 100,
      initialStock: 1,
    });
    const before = await h.everything(['chair', 'ghost']);
    const cases = [
      [
        await post('/api/admin/products', {
          productId: 'chair',
          name: 'Chair again',
          priceCents: 100,
          initialStock: 9,
        }),
        409,
        'product_exists',
      ],
      [await post('/api/admin/products/ghost/restock', { quantity: 1 }), 404, 'unknown_product'],
      [
        await post('/api/admin/products/ghost/sale', {
          startsAt: new Date().toISOString(),
          endsAt: new Date(Date.now() + 1000).toISOString(),
          perUserLimit: 1,
          salePriceCents: 1,
        }),
        404,
        'unknown_product',
      ],
      [await post('/api/admin/products/chair/sale/end'), 403, 'sale_not_open'],
      [
        await post('/api/admin/products/chair/sale', {
          startsAt: new Date().toISOString(),
          endsAt: new Date(Date.now() - 1000).toISOString(),
          perUserLimit: 1,
          salePriceCents: 1,
        }),
        422,
        'invalid_request',
      ],
    ] as const;
    for (const [res, status, code] of cases)
      expect([res.status, problemCode(res)]).toEqual([status, code]);
    expect(await h.everything(['chair', 'ghost'])).toEqual(before);
  });
});
