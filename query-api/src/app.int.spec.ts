import {
  DeadLetterPage,
  ProductsSnapshot,
  ProductView,
  SalesStats,
  ProblemDetails,
} from '@scalemart/contracts';
import { createTestNamespace } from '@scalemart/testkit';
import {
  backdoor,
  deadLetter,
  getAs,
  order,
  product,
  salesBucket,
  startInstance,
  tokenFor,
} from './testing/fixtures.js';
import { firstRawItem } from './testing/rawBody.js';

const ns = createTestNamespace();
let api: Awaited<ReturnType<typeof startInstance>>;
let db: Awaited<ReturnType<typeof backdoor>>;
const admin = tokenFor('root', 'admin');
const shopper = tokenFor('alice');
const now = Date.now();
const startsAt = new Date(now - 10 * 60_000).toISOString();

beforeAll(async () => {
  db = await backdoor(ns);
  const sale = {
    startsAt,
    endsAt: new Date(now + 60_000).toISOString(),
    perUserLimit: 1,
    salePriceCents: 500,
    endedAt: null,
  };
  await db.models.products.insertMany([
    product('lamp', {
      sale,
      initialStock: 80,
      restocked: 20,
      available: 0,
      sold: 100,
      soldOutAt: new Date(now - 7 * 60_000).toISOString(),
    }),
    product('desk', { sale, initialStock: 100, available: 5, pending: 5, sold: 90 }),
    product('chair', { sale: null }),
  ]);
  await db.models.orders.insertMany([
    order('alice', now),
    order('bob', now),
    order('bob', now, { status: 'confirmed' }),
  ]);
  await db.models.sales.insertMany([
    salesBucket(null, now, 4),
    salesBucket(null, now - 60_000, 6),
    salesBucket('lamp', now, 4),
    salesBucket(null, now - 30 * 60_000, 50), // outside a 5-minute window
  ]);
  await db.models.deadLetters.insertMany([
    deadLetter('d1', now - 2000),
    deadLetter('d2', now - 1000),
  ]);
  api = await startInstance(ns);
});
afterAll(async () => {
  await api?.close();
  await db?.close();
});

const get = (path: string, token?: string) => getAs(api.url, path, token);

describe('products', () => {
  it('lists every product as ProductView, without bookkeeping fields', async () => {
    const res = await get('/api/products').expect(200);
    const { products } = ProductsSnapshot.parse(res.body);
    expect(products.map((p) => p.productId)).toEqual(['chair', 'desk', 'lamp']);
    expect(
      Object.keys(firstRawItem(res.body, 'products')).filter((key) => key.startsWith('_')),
    ).toEqual([]);
  });

  it('reads one product, 404 for an unknown one, 422 for a malformed id', async () => {
    expect(ProductView.parse((await get('/api/products/desk').expect(200)).body).available).toBe(5);
    expect(
      ProblemDetails.parse(JSON.parse((await get('/api/products/nope').expect(404)).text)).code,
    ).toBe('unknown_product');
    await get('/api/products/bad.id').expect(422);
    await get('/api/products?page=2').expect(422);
  });

  it('ignores a stale token on public routes', async () => {
    await get('/api/products', 'expired.or.forged').expect(200);
  });
});

describe('admin', () => {
  it('refuses anonymous callers with 401 and shoppers with 403', async () => {
    for (const path of ['/api/admin/stats', '/api/admin/dead-letters']) {
      expect(ProblemDetails.parse(JSON.parse((await get(path).expect(401)).text)).code).toBe(
        'unauthorized',
      );
      expect(
        ProblemDetails.parse(JSON.parse((await get(path, shopper).expect(403)).text)).code,
      ).toBe('forbidden');
    }
  });

  it('gives sales stats over a window', async () => {
    const stats = SalesStats.parse(
      (await get('/api/admin/stats?windowMinutes=5', admin).expect(200)).body,
    );
    expect(stats.buckets.map((b) => b.orders)).toEqual([6, 4]);
    expect(stats.totals).toEqual({ orders: 10, units: 10, revenueCents: 10_000 });
    expect(stats.pendingOrders).toBe(2);
    const lamp = stats.products.find((p) => p.productId === 'lamp')!;
    expect(lamp).toMatchObject({
      sellThrough: 1,
      timeToSellOutMs: 3 * 60_000,
      saleStartedAt: startsAt,
      lowStock: true,
    });
    expect(stats.products.find((p) => p.productId === 'desk')).toMatchObject({
      sellThrough: 0.9,
      timeToSellOutMs: null,
    });
    expect(stats.lowStock).toEqual(['desk', 'lamp']);
    const wide = SalesStats.parse((await get('/api/admin/stats', admin).expect(200)).body);
    expect(wide.totals.orders).toBe(60);
  });

  it('refuses an invalid window with 422', async () => {
    await get('/api/admin/stats?windowMinutes=0', admin).expect(422);
    await get('/api/admin/stats?windowMinutes=abc', admin).expect(422);
  });

  it('lists dead letters newest first', async () => {
    const page = DeadLetterPage.parse(
      (await get('/api/admin/dead-letters', admin).expect(200)).body,
    );
    expect(page.deadLetters.map((d) => d.id)).toEqual(['d2', 'd1']);
    await get('/api/admin/dead-letters?limit=0', admin).expect(422);
  });
});

describe('operations', () => {
  it('answers health, readiness and metrics', async () => {
    await get('/healthz').expect(200);
    expect((await get('/readyz').expect(200)).body).toEqual({
      status: 'ready',
      checks: { mongo: 'ok', nats: 'ok' },
    });
    const metrics = (await get('/metrics').expect(200)).text;
    expect(metrics).toContain('scalemart_query_http_request_duration_seconds_bucket');
    expect(metrics).toContain('scalemart_query_connected_sockets{room="all"} 0');
    expect(metrics).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/api\/products\/:id",status="200"\} \d+/,
    );
  });

  it('allows listed origins only, with helmet headers', async () => {
    const allowed = await get('/api/products').set('Origin', 'http://allowed.test').expect(200);
    expect(allowed.headers['access-control-allow-origin']).toBe('http://allowed.test');
    expect(allowed.headers['x-content-type-options']).toBe('nosniff');
    const other = await get('/api/products').set('Origin', 'http://evil.test').expect(200);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers unknown routes with a problem', async () => {
    expect(ProblemDetails.parse(JSON.parse((await get('/api/nope').expect(404)).text)).code).toBe(
      'not_found',
    );
  });
});
