import jwt from 'jsonwebtoken';
import { request } from '../testing/httpClient.js';
import { problemCode, problemOf } from '../testing/responseBodies.js';
import { startHarness, type Harness } from '../testing/harness.js';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

interface Case {
  name: string;
  path: string;
  body?: unknown;
  token?: (h: Harness) => string;
  headers?: Record<string, string>;
  status: number;
  code: string;
}

const shopper = (h: Harness) => h.token('mallory');
const order = { productId: 'safe', quantity: 1 };
const product = { name: 'Sneaky', priceCents: 100, initialStock: 5 };
const admin = [
  '/api/admin/products',
  '/api/admin/products/safe/sale',
  '/api/admin/products/safe/restock',
  '/api/admin/products/safe/sale/end',
];

const CASES: Case[] = [
  {
    name: 'malformed JSON',
    path: '/api/orders',
    token: shopper,
    body: '{"productId": "safe",',
    status: 400,
    code: 'malformed_json',
  },
  {
    name: 'an oversize body',
    path: '/api/orders',
    token: shopper,
    body: { ...order, pad: 'x'.repeat(17_000) },
    status: 413,
    code: 'payload_too_large',
  },
  {
    name: 'a string quantity',
    path: '/api/orders',
    token: shopper,
    body: { productId: 'safe', quantity: '1' },
    status: 422,
    code: 'invalid_request',
  },
  {
    name: 'a fractional quantity',
    path: '/api/orders',
    token: shopper,
    body: { productId: 'safe', quantity: 1.5 },
    status: 422,
    code: 'invalid_request',
  },
  {
    name: 'a quantity over 10',
    path: '/api/orders',
    token: shopper,
    body: { productId: 'safe', quantity: 11 },
    status: 422,
    code: 'invalid_request',
  },
  {
    name: 'an operator object as productId',
    path: '/api/orders',
    token: shopper,
    body: { productId: { $ne: null }, quantity: 1 },
    status: 422,
    code: 'invalid_request',
  },
  {
    name: 'a userId in the body',
    path: '/api/orders',
    token: shopper,
    body: { ...order, userId: 'victim' },
    status: 422,
    code: 'invalid_request',
  },
  {
    name: 'an array body',
    path: '/api/orders',
    token: shopper,
    body: [order],
    status: 422,
    code: 'invalid_request',
  },
  {
    name: 'a JSON body sent as text/plain',
    path: '/api/orders',
    token: shopper,
    body: JSON.stringify(order),
    headers: { 'content-type': 'text/plain' },
    status: 422,
    code: 'invalid_request',
  },
  {
    name: 'a bad Idempotency-Key',
    path: '/api/orders',
    token: shopper,
    body: order,
    headers: { 'idempotency-key': 'a b' },
    status: 422,
    code: 'invalid_request',
  },
  { name: 'no token', path: '/api/orders', body: order, status: 401, code: 'unauthorized' },
  {
    name: 'an alg:none token',
    path: '/api/orders',
    body: order,
    token: () =>
      `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'mallory', role: 'admin', iss: 'scalemart', aud: 'scalemart', exp: 2e9 })}.`,
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'a tampered token',
    path: '/api/orders',
    body: order,
    token: (h) => {
      const [head, , sig] = h.token('mallory').split('.');
      return `${head}.${b64({ sub: 'victim', role: 'shopper', iss: 'scalemart', aud: 'scalemart', exp: 2e9 })}.${sig}`;
    },
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'an expired token',
    path: '/api/orders',
    body: order,
    token: (h) =>
      jwt.sign({ role: 'shopper', exp: Math.floor(Date.now() / 1000) - 10 }, h.config.JWT_SECRET, {
        subject: 'mallory',
        issuer: 'scalemart',
        audience: 'scalemart',
      }),
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'a token signed with another secret',
    path: '/api/orders',
    body: order,
    token: () =>
      jwt.sign({ role: 'admin' }, 'another-secret-another-secret-another!', {
        subject: 'mallory',
        issuer: 'scalemart',
        audience: 'scalemart',
        expiresIn: 60,
      }),
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'an HS512 token (algorithm pinned to HS256)',
    path: '/api/orders',
    body: order,
    token: (h) =>
      jwt.sign({ role: 'admin' }, h.config.JWT_SECRET, {
        algorithm: 'HS512',
        subject: 'mallory',
        issuer: 'scalemart',
        audience: 'scalemart',
        expiresIn: 60,
      }),
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'a token for another audience',
    path: '/api/orders',
    body: order,
    token: (h) =>
      jwt.sign({ role: 'shopper' }, h.config.JWT_SECRET, {
        subject: 'mallory',
        issuer: 'scalemart',
        audience: 'elsewhere',
        expiresIn: 60,
      }),
    status: 401,
    code: 'unauthorized',
  },
  ...admin.map((path): Case => ({
    name: `a shopper on ${path}`,
    path,
    token: shopper,
    body: path.endsWith('products') ? product : { quantity: 5 },
    status: 403,
    code: 'forbidden',
  })),
  ...admin.map((path): Case => ({
    name: `no token on ${path}`,
    path,
    body: { quantity: 5 },
    status: 401,
    code: 'unauthorized',
  })),
  {
    name: 'an operator object in a product',
    path: '/api/admin/products',
    token: (h) => h.token('root', 'admin'),
    body: { ...product, name: { $gt: '' } },
    status: 422,
    code: 'invalid_request',
  },
  {
    name: 'a bad product id in the path',
    path: '/api/admin/products/a.b/restock',
    token: (h) => h.token('root', 'admin'),
    body: { quantity: 5 },
    status: 422,
    code: 'invalid_request',
  },
  {
    name: 'a negative restock',
    path: '/api/admin/products/safe/restock',
    token: (h) => h.token('root', 'admin'),
    body: { quantity: -5 },
    status: 422,
    code: 'invalid_request',
  },
  {
    name: 'malformed JSON to an admin route',
    path: '/api/admin/products/safe/sale',
    token: (h) => h.token('root', 'admin'),
    body: '{',
    status: 400,
    code: 'malformed_json',
  },
  {
    name: 'an operator object as signup email',
    path: '/api/auth/signup',
    body: { email: { $gt: '' }, password: 'long enough' },
    status: 422,
    code: 'invalid_request',
  },
  {
    name: 'a role in a signup',
    path: '/api/auth/signup',
    body: { email: 'x@example.com', password: 'long enough', role: 'admin' },
    status: 422,
    code: 'invalid_request',
  },
  {
    name: 'an operator object as login password',
    path: '/api/auth/login',
    body: { email: 'x@example.com', password: { $ne: null } },
    status: 422,
    code: 'invalid_request',
  },
  {
    name: 'malformed JSON to login',
    path: '/api/auth/login',
    body: '{"email":',
    status: 400,
    code: 'malformed_json',
  },
  {
    name: 'an oversize signup',
    path: '/api/auth/signup',
    body: { email: 'x@example.com', password: 'p'.repeat(20_000) },
    status: 413,
    code: 'payload_too_large',
  },
];

describe('bad input', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.seedProduct({ productId: 'safe', stock: 5, perUserLimit: 5 });
  });
  afterAll(() => h.close());

  it.each(CASES.map((c) => [c.name, c] as const))(
    '%s: a clear 4xx, and nothing changes',
    async (_name, c) => {
      const before = await h.everything(['safe']);
      const res = await request({
        port: h.port,
        path: c.path,
        body: c.body,
        headers: c.headers,
        ...(c.token ? { token: c.token(h) } : {}),
      });
      expect([res.status, problemCode(res)]).toEqual([c.status, c.code]);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      if (c.code === 'invalid_request') expect(problemOf(res).issues?.length).toBeGreaterThan(0);
      expect(await h.everything(['safe'])).toEqual(before);
    },
  );
});
