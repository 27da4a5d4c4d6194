import { AuthResponse } from '@scalemart/contracts';
import bcrypt from 'bcrypt';
import { request } from '../testing/httpClient.js';
import { anyString, authOf, problemCode } from '../testing/responseBodies.js';
import { startHarness, type Harness } from '../testing/harness.js';

describe('accounts', () => {
  let h: Harness;
  const post = (path: string, body: unknown, token?: string) =>
    request({ port: h.port, path, body, ...(token ? { token } : {}) });

  beforeAll(async () => {
    h = await startHarness({
      instances: 2,
      env: {
        ADMIN_EMAIL: 'Root@Example.com',
        ADMIN_PASSWORD: 'root password 1',
        LOGIN_FAILURES_PER_ADDRESS: '12',
        // High enough that the address ceiling, not bob's own lockout, is what the last test meets
        // (the lockout has its own tests in loginProtection.int.spec.ts).
        LOGIN_FAILURES_PER_ACCOUNT: '50',
      },
    });
  });
  afterAll(() => h.close());

  it('signs up, logs in, and the token buys', async () => {
    await h.seedProduct({ productId: 'book', stock: 2 });
    const signup = await post('/api/auth/signup', {
      email: 'Ada@Example.com',
      password: 'correct horse',
      name: 'Ada',
    });
    expect(signup.status).toBe(201);
    const created = AuthResponse.parse(signup.body);
    expect(created.user).toEqual({
      id: anyString,
      email: 'ada@example.com',
      name: 'Ada',
      role: 'shopper',
    });

    const login = await post('/api/auth/login', {
      email: 'ada@example.com',
      password: 'correct horse',
    });
    expect(login.status).toBe(200);
    const { token, user } = AuthResponse.parse(login.body);
    expect(user.id).toBe(created.user.id);
    expect(h.tokens.verify(token)).toEqual(
      expect.objectContaining({ sub: user.id, role: 'shopper' }),
    );

    const bought = await post('/api/orders', { productId: 'book', quantity: 1 }, token);
    expect(bought.status).toBe(202);
    expect((await h.store.snapshot('book')).buyers).toEqual({ [user.id]: 1 });
    const stored = await h.accounts.findByEmail('ada@example.com');
    expect(stored?.passwordHash).toMatch(/^\$2b\$04\$/); // bcrypt at the configured cost, never the password
  });

  it('refuses a second account with the same email, whatever its case', async () => {
    const before = await h.countAccounts();
    await post('/api/auth/signup', { email: 'bob@example.com', password: 'long enough' });
    const again = await post('/api/auth/signup', {
      email: 'BOB@example.com',
      password: 'another one',
    });
    expect([again.status, problemCode(again)]).toEqual([409, 'email_taken']);
    expect(await h.countAccounts()).toBe(before + 1);
    const stored = await h.accounts.findByEmail('bob@example.com');
    expect(await bcrypt.compare('long enough', stored!.passwordHash)).toBe(true); // the first one
  });

  it('says the same thing for a wrong password and an unknown email', async () => {
    const wrong = await post('/api/auth/login', {
      email: 'bob@example.com',
      password: 'not the password',
    });
    const unknown = await post('/api/auth/login', {
      email: 'nobody@example.com',
      password: 'not the password',
    });
    expect([wrong.status, problemCode(wrong)]).toEqual([401, 'invalid_credentials']);
    expect(unknown.body).toEqual(wrong.body);
  });

  it('created the first admin once from the environment, though two instances started', async () => {
    expect(await h.countAccounts()).toBe(3); // root, ada, bob: one root though two instances
    expect((await h.accounts.findByEmail('root@example.com'))?.role).toBe('admin');
    const login = await post('/api/auth/login', {
      email: 'root@example.com',
      password: 'root password 1',
    });
    expect(authOf(login).user.role).toBe('admin');
    const created = await post(
      '/api/admin/products',
      { productId: 'desk', name: 'Desk', priceCents: 100, initialStock: 1 },
      authOf(login).token,
    );
    expect(created.status).toBe(201);
  });

  it('limits signups and logins per client address, across instances', async () => {
    let last = await post('/api/auth/login', { email: 'bob@example.com', password: 'guess 0' });
    for (let i = 1; last.status !== 429 && i < 20; i += 1) {
      last = await request({
        port: h.apis[i % 2]!.port,
        path: '/api/auth/login',
        body: { email: 'bob@example.com', password: `guess ${i}` },
      });
    }
    expect([last.status, problemCode(last)]).toEqual([429, 'rate_limited']);
    expect(last.headers['ratelimit-policy']).toBe('12;w=900');
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('health', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('answers /healthz, /readyz and /metrics', async () => {
    expect((await request({ port: h.port, method: 'GET', path: '/healthz' })).body).toEqual({
      status: 'ok',
    });
    const ready = await request({ port: h.port, method: 'GET', path: '/readyz' });
    expect([ready.status, ready.body]).toEqual([
      200,
      { status: 'ready', checks: { redis: 'ok', nats: 'ok' } },
    ]);
    await request({ port: h.port, path: '/api/orders', body: {} });
    const metrics = await request({ port: h.port, method: 'GET', path: '/metrics' });
    expect(metrics.text).toContain(
      'commandapi_http_request_duration_seconds_bucket{le="0.001",method="POST",route="/api/orders",outcome="unauthorized"}',
    );
  });

  it('answers CORS only for the allowed origins, and sets helmet headers', async () => {
    const preflight = (origin: string) =>
      request({
        port: h.port,
        method: 'OPTIONS',
        path: '/api/orders',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type,idempotency-key',
        },
      });
    const allowed = await preflight('http://localhost:5173');
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    const other = await preflight('https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const res = await request({
      port: h.port,
      path: '/api/orders',
      body: {},
      headers: { origin: 'https://evil.example' },
    });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('says not ready when Redis does not answer', async () => {
    h.apis[0]!.deps.redis.disconnect();
    const ready = await request({ port: h.port, method: 'GET', path: '/readyz' });
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ checks: { nats: 'ok' } });
  });

  it('answers 503 to purchases and sign-ins while Redis is down (the documented decision)', async () => {
    const buy = await request({
      port: h.port,
      path: '/api/orders',
      token: h.token('zoe'),
      body: { productId: 'any', quantity: 1 },
    });
    expect([buy.status, problemCode(buy)]).toEqual([503, 'unavailable']);
    expect(buy.headers['retry-after']).toBe('1');
    const login = await request({
      port: h.port,
      path: '/api/auth/login',
      body: { email: 'zoe@example.com', password: 'whatever1' },
    });
    expect([login.status, problemCode(login)]).toEqual([503, 'unavailable']);
  });
});
