import http from 'node:http';
import { ProblemDetails } from '@scalemart/contracts';
import { waitFor } from '@scalemart/testkit';
import { request, type TestResponse } from '../testing/httpClient.js';
import { orderIdOf, problemCode, problemOf } from '../testing/responseBodies.js';
import { startHarness, type Harness } from '../testing/harness.js';

const ALLOWED_ORIGIN = 'http://localhost:5173';
const PROBLEM = 'application/problem+json; charset=utf-8';

/**
 * POST /api/orders answers every refusal with a fixed status and problem+json code, the
 * headers every route sends (helmet's, cors's, x-request-id), and changes nothing it refused
 * before the reservation.
 */
describe('POST /api/orders: the answers of the purchase route', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ env: { PURCHASE_RATE_LIMIT: '3' } });
    await h.seedProduct({ productId: 'gone', stock: 2, perUserLimit: 1 });
    await h.seedProduct({ productId: 'later', stock: 1, open: false });
    await h.seedProduct({ productId: 'plenty', stock: 100, perUserLimit: 1 });
  });
  afterAll(() => h.close());

  interface Send {
    user?: string;
    token?: string;
    body?: unknown;
    headers?: Record<string, string>;
    method?: string;
    path?: string;
  }
  const send = (options: Send) =>
    request({
      port: h.port,
      method: options.method ?? 'POST',
      path: options.path ?? '/api/orders',
      body: options.body,
      headers: { origin: ALLOWED_ORIGIN, 'x-request-id': 'req-1', ...options.headers },
      ...(options.token
        ? { token: options.token }
        : options.user
          ? { token: h.token(options.user) }
          : {}),
    });

  /** Redis and the stream once every accepted order's publish has settled. */
  const everything = async (productIds: string[]) => {
    await h.apis[0]!.publishesSettled();
    return h.everything(productIds);
  };

  /** Status, code and the headers every refusal carries. */
  const expectRefusal = (res: TestResponse, status: number, code: string) => {
    expect([res.status, problemCode(res)]).toEqual([status, code]);
    expect(problemOf(res)).toMatchObject({
      status,
      code,
      type: `https://scalemart.dev/problems/${code}`,
    });
    expect(res.headers['content-type']).toBe(PROBLEM);
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(res.text)));
    expect(res.headers['x-request-id']).toBe('req-1');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  };

  const order = { productId: 'plenty', quantity: 1 };
  it.each([
    ['no token', { body: order }, 401, 'unauthorized'],
    ['a forged token', { body: order, token: 'a.b.c' }, 401, 'unauthorized'],
    [
      'a token of another scheme',
      { body: order, headers: { authorization: 'Basic eDp5' } },
      401,
      'unauthorized',
    ],
    ['malformed JSON', { user: 'm', body: '{"productId":' }, 400, 'malformed_json'],
    ['a scalar JSON body (strict)', { user: 'm', body: '"plenty"' }, 400, 'malformed_json'],
    [
      'an oversize body',
      { user: 'm', body: { ...order, pad: 'x'.repeat(17_000) } },
      413,
      'payload_too_large',
    ],
    ['an empty body', { user: 'm', body: '' }, 422, 'invalid_request'],
    ['no body at all', { user: 'm' }, 422, 'invalid_request'],
    [
      'a body sent as text/plain',
      { user: 'm', body: JSON.stringify(order), headers: { 'content-type': 'text/plain' } },
      422,
      'invalid_request',
    ],
    [
      'a gzip body',
      { user: 'm', body: order, headers: { 'content-encoding': 'gzip' } },
      422,
      'invalid_request',
    ],
    [
      'a latin1 body',
      { user: 'm', body: order, headers: { 'content-type': 'application/json; charset=latin1' } },
      422,
      'invalid_request',
    ],
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
      { user: 'u', body: { productId: 'nothing', quantity: 1 } },
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
      'a path with a query string',
      { user: 'm', path: '/api/orders?x=1', body: { productId: 'later', quantity: 1 } },
      403,
      'sale_not_open',
    ],
  ] as const)('%s: %d %s, and nothing changes', async (_name, options, status, code) => {
    const before = await everything(['plenty', 'later']);
    const res = await send(options);
    expectRefusal(res, status, code);
    if (code === 'invalid_request') expect(problemOf(res).issues?.length).toBeGreaterThan(0);
    expect(res.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
    expect(await everything(['plenty', 'later'])).toEqual(before);
  });

  it('sends no CORS header to an origin CORS does not allow', async () => {
    const res = await send({ body: order, headers: { origin: 'https://evil.example' } });
    expectRefusal(res, 401, 'unauthorized');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers another method on /api/orders with 405 and Allow', async () => {
    const res = await send({ method: 'PUT', user: 'm', body: order });
    expectRefusal(res, 405, 'method_not_allowed');
    expect(res.headers.allow).toBe('GET, HEAD, POST');
  });

  it('accepts, then refuses over the per-user limit, a sold-out product, and a reused key', async () => {
    const accepted = await send({ user: 'ann', body: { productId: 'gone', quantity: 1 } });
    expect(accepted.status).toBe(202);
    expect(accepted.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(accepted.headers.location).toBe(`/api/orders/${orderIdOf(accepted)}`);
    expect(accepted.body).toEqual({ orderId: orderIdOf(accepted), status: 'pending' });
    expect((await send({ user: 'ann', body: order })).status).toBe(202);
    expectRefusal(await send({ user: 'ann', body: order }), 409, 'limit_reached');
    expect((await send({ user: 'bob', body: { productId: 'gone', quantity: 1 } })).status).toBe(
      202,
    );
    // Redis says sold out, then the remembered sell-out says it from memory: the same answer.
    for (let i = 0; i < 2; i += 1) {
      const before = await everything(['gone']);
      expectRefusal(
        await send({ user: `late${i}`, body: { productId: 'gone', quantity: 1 } }),
        409,
        'sold_out',
      );
      expect(await everything(['gone'])).toEqual(before);
    }
  });

  it('replays the first answer to a retried key, and refuses the key for another purchase', async () => {
    const key = { 'idempotency-key': 'key-12345678' };
    const first = await send({ user: 'kim', body: order, headers: key });
    expect(first.status).toBe(202);
    const before = await everything(['plenty']);
    const retried = await send({ user: 'kim', body: order, headers: key });
    expect([retried.status, orderIdOf(retried)]).toEqual([202, orderIdOf(first)]);
    expect(await everything(['plenty'])).toEqual(before);
    const conflict = await send({
      user: 'kim',
      body: { productId: 'gone', quantity: 1 },
      headers: key,
    });
    expectRefusal(conflict, 409, 'idempotency_conflict');
    expect(await everything(['plenty'])).toEqual(before);
  });

  it('refuses the purchase over the rate limit with 429, Retry-After and the budget headers', async () => {
    for (let i = 0; i < 3; i += 1) {
      const counted = await send({ user: 'rex', body: { productId: 'nothing', quantity: 1 } });
      expectRefusal(counted, 404, 'unknown_product');
      expect(counted.headers['ratelimit-policy']).toBe('3;w=60');
      expect(counted.headers.ratelimit).toMatch(
        new RegExp(`^limit=3, remaining=${2 - i}, reset=\\d+$`),
      );
    }
    const limited = await send({ user: 'rex', body: { productId: 'nothing', quantity: 1 } });
    expectRefusal(limited, 429, 'rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(problemOf(limited).retryAfterSeconds).toBe(Number(limited.headers['retry-after']));
    expect(limited.headers.ratelimit).toMatch(/^limit=3, remaining=0, reset=\d+$/);
  });

  it('refuses an oversize chunked body (no Content-Length) with 413', async () => {
    const chunked = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: h.port,
          path: '/api/orders',
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${h.token('big')}`,
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
    const answer = await chunked;
    expect([answer.status, ProblemDetails.parse(JSON.parse(answer.body)).code]).toEqual([
      413,
      'payload_too_large',
    ]);
  });

  it('answers 503 with Retry-After while Redis is down', async () => {
    h.apis[0]!.deps.redis.disconnect();
    await waitFor(() => h.apis[0]!.deps.redis.status !== 'ready');
    const down = await send({ user: 'zed', body: order });
    expectRefusal(down, 503, 'unavailable');
    expect(down.headers['retry-after']).toBe('1');
  });
});
