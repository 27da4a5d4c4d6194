import http from 'node:http';
import { ProblemDetails } from '@scalemart/contracts';
import { waitFor } from '@scalemart/testkit';
import { z } from 'zod';
import { startCommandApi, type RunningCommandApi } from '../startCommandApi.js';
import { request, type TestResponse } from '../testing/httpClient.js';
import { orderIdOf, problemCode } from '../testing/responseBodies.js';
import { startHarness, type Harness } from '../testing/harness.js';

/**
 * The lean purchase route and the Express route give the same answer to the same request:
 * status, problem+json body and every header but the ones that change by the second (Date) or
 * by the order (ids, remaining budget). Each route gets its own shoppers, so neither sees the
 * other's purchases; the products are shared.
 */
describe('POST /api/orders: the lean route answers as Express does', () => {
  let h: Harness;
  let express: RunningCommandApi;
  const port = { lean: 0, express: 0 };
  type Route = keyof typeof port;

  beforeAll(async () => {
    h = await startHarness({ env: { PURCHASE_RATE_LIMIT: '3' } });
    express = await startCommandApi({ ...h.config, PURCHASE_LEAN_ROUTE: false });
    port.lean = h.port;
    port.express = express.port;
    await h.seedProduct({ productId: 'gone', stock: 2, perUserLimit: 1 });
    await h.seedProduct({ productId: 'later', stock: 1, open: false });
    await h.seedProduct({ productId: 'plenty', stock: 100, perUserLimit: 1 });
  });
  afterAll(async () => {
    await express.close();
    await h.close();
  });

  const send = (
    route: Route,
    options: { user?: string; body?: unknown; headers?: Record<string, string>; token?: string },
  ) =>
    request({
      port: port[route],
      path: '/api/orders',
      body: options.body,
      headers: { origin: 'http://localhost:5173', 'x-request-id': 'same-id', ...options.headers },
      ...(options.token
        ? { token: options.token }
        : options.user
          ? { token: h.token(`${options.user}-${route}`) }
          : {}),
    });

  /** Headers whose value must be equal; the rest must at least be present on both. */
  // Each path gives the same purchase its own order id: compare everything else.
  const withoutOrderId = (body: unknown) => {
    const accepted = z.looseObject({ orderId: z.string().min(1) }).safeParse(body);
    return accepted.success ? { ...accepted.data, orderId: 'some id' } : body;
  };
  const VARYING = new Set([
    'date',
    'location',
    'ratelimit',
    'content-length',
    'keep-alive',
    'connection',
  ]);
  const comparable = (res: TestResponse) => ({
    status: res.status,
    body: withoutOrderId(res.body),
    headers: Object.fromEntries(
      Object.entries(res.headers).map(([name, value]) => [
        name,
        VARYING.has(name) ? 'present' : value,
      ]),
    ),
  });
  const both = async (options: Parameters<typeof send>[1]) => {
    const lean = await send('lean', options);
    const viaExpress = await send('express', options);
    expect(comparable(lean)).toEqual(comparable(viaExpress));
    return lean;
  };

  const order = { productId: 'plenty', quantity: 1 };
  it.each([
    ['no token', { body: order }, 401, 'unauthorized'],
    ['a forged token', { body: order, token: 'a.b.c' }, 401, 'unauthorized'],
    ['malformed JSON', { user: 'm', body: '{"productId":' }, 400, 'malformed_json'],
    ['a scalar JSON body (strict)', { user: 'm', body: '"plenty"' }, 400, 'malformed_json'],
    [
      'an oversize body',
      { user: 'm', body: { ...order, pad: 'x'.repeat(17_000) } },
      413,
      'payload_too_large',
    ],
    ['an empty body', { user: 'm', body: '' }, 422, 'invalid_request'],
    [
      'a string quantity',
      { user: 'm', body: { productId: 'plenty', quantity: '1' } },
      422,
      'invalid_request',
    ],
    [
      'a userId in the body',
      { user: 'm', body: { ...order, userId: 'victim' } },
      422,
      'invalid_request',
    ],
    [
      'a bad Idempotency-Key',
      { user: 'm', body: order, headers: { 'idempotency-key': 'a b' } },
      422,
      'invalid_request',
    ],
    [
      'an unknown product',
      { user: 'm', body: { productId: 'nothing', quantity: 1 } },
      404,
      'unknown_product',
    ],
    [
      'a sale not open yet',
      { user: 'm', body: { productId: 'later', quantity: 1 } },
      403,
      'sale_not_open',
    ],
    [
      'an origin CORS does not allow',
      { body: order, headers: { origin: 'https://evil.example' } },
      401,
      'unauthorized',
    ],
  ] as const)('%s', async (_name, options, status, code) => {
    const res = await both(options);
    expect([res.status, problemCode(res)]).toEqual([status, code]);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  });

  it('accepts, then refuses over the per-user limit, a sold-out product, and a reused key', async () => {
    const accepted = await both({ user: 'ann', body: { productId: 'gone', quantity: 1 } });
    expect(accepted.status).toBe(202);
    expect(accepted.headers.location).toBe(`/api/orders/${orderIdOf(accepted)}`);
    expect((await both({ user: 'ann', body: { productId: 'plenty', quantity: 1 } })).status).toBe(
      202,
    );
    const limit = await both({ user: 'ann', body: { productId: 'plenty', quantity: 1 } });
    expect(problemCode(limit)).toBe('limit_reached');
    // Redis says sold out, then the remembered sell-out says it from memory: same answer.
    for (let i = 0; i < 2; i += 1) {
      expect(
        problemCode(await both({ user: `late${i}`, body: { productId: 'gone', quantity: 1 } })),
      ).toBe('sold_out');
    }
    const key = { 'idempotency-key': 'key-12345678' };
    expect(
      (await both({ user: 'kim', body: { productId: 'plenty', quantity: 1 }, headers: key }))
        .status,
    ).toBe(202);
    const conflict = await both({
      user: 'kim',
      body: { productId: 'gone', quantity: 1 },
      headers: key,
    });
    expect(problemCode(conflict)).toBe('idempotency_conflict');
  });

  it('refuses the purchase over the rate limit with the same 429 and headers', async () => {
    for (let i = 0; i < 3; i += 1)
      await both({ user: 'rex', body: { productId: 'nothing', quantity: 1 } });
    const limited = await both({ user: 'rex', body: { productId: 'nothing', quantity: 1 } });
    expect([limited.status, problemCode(limited)]).toEqual([429, 'rate_limited']);
    expect(limited.headers['retry-after']).toBeDefined();
  });

  it('refuses an oversize chunked body (no Content-Length) with the same 413', async () => {
    const chunked = (route: Route) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port: port[route],
            path: '/api/orders',
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${h.token(`big-${route}`)}`,
            },
          },
          (res) => {
            let body = '';
            res.on('data', (chunk: Buffer) => (body += chunk.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          },
        );
        req.on('error', reject);
        req.write(`{"productId":"plenty","pad":"${'x'.repeat(10_000)}`);
        req.end(`${'x'.repeat(10_000)}"}`);
      });
    const [lean, viaExpress] = [await chunked('lean'), await chunked('express')];
    expect(lean).toEqual(viaExpress);
    expect([lean.status, ProblemDetails.parse(JSON.parse(lean.body)).code]).toEqual([
      413,
      'payload_too_large',
    ]);
  });

  it('answers 503 the same way while Redis is down', async () => {
    h.apis[0]!.deps.redis.disconnect();
    express.deps.redis.disconnect();
    await waitFor(
      () => h.apis[0]!.deps.redis.status !== 'ready' && express.deps.redis.status !== 'ready',
    );
    const down = await both({ user: 'zed', body: order });
    expect([down.status, problemCode(down)]).toEqual([503, 'unavailable']);
  });
});
