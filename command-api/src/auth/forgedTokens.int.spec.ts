import jwt from 'jsonwebtoken';
import { request } from '../testing/httpClient.js';
import { problemCode } from '../testing/responseBodies.js';
import { startHarness, type Harness } from '../testing/harness.js';

// Issue 25: the development secret was in the repository, and every service used it unless told
// otherwise, so anyone could mint an admin or a shopper. It is refused now, whatever NODE_ENV says.
const PUBLISHED_SECRET = 'scalemart-development-secret-change-me-0123456789';

const forge = (role: 'admin' | 'shopper') =>
  jwt.sign({ role }, PUBLISHED_SECRET, {
    algorithm: 'HS256',
    subject: 'mallory',
    issuer: 'scalemart',
    audience: 'scalemart',
    expiresIn: 600,
  });

/** The signature's last base64url character swapped for its sibling: the same bytes decoded. */
const reencoded = (token: string) => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  return token.slice(0, -1) + alphabet[alphabet.indexOf(token.at(-1)!) ^ 1];
};

describe('tokens nobody of ours signed (development mode, as npm start ran before)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { NODE_ENV: 'development' } });
    await h.seedProduct({ productId: 'forged-lamp', stock: 5 });
  });
  afterAll(() => h.close());

  const buy = (token: string) =>
    request({
      port: h.port,
      path: '/api/orders',
      token,
      body: { productId: 'forged-lamp', quantity: 1 },
    });

  it('refuses a shopper token signed with the published secret: 401, and no order', async () => {
    const before = await h.stream();
    const res = await buy(forge('shopper'));
    expect([res.status, problemCode(res)]).toEqual([401, 'unauthorized']);
    expect((await h.stream()).messages).toBe(before.messages);
  });

  it('refuses an admin token signed with the published secret on an admin command', async () => {
    const res = await request({
      port: h.port,
      path: '/api/admin/products/forged-lamp/restock',
      token: forge('admin'),
      body: { quantity: 5 },
    });
    expect([res.status, problemCode(res)]).toEqual([401, 'unauthorized']);
  });

  it('refuses a real token whose signature is re-encoded (same bytes)', async () => {
    const token = h.token('shopper-1');
    expect((await buy(token)).status).toBe(202);
    const res = await buy(reencoded(token));
    expect([res.status, problemCode(res)]).toEqual([401, 'unauthorized']);
  });
});
