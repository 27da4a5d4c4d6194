import { createTestNamespace } from '@scalemart/testkit';
import jwt from 'jsonwebtoken';
import { getAs, startInstance, tokenFor } from '../testing/fixtures.js';

// Issue 25: an admin token signed with the development secret from the repository read the
// sales floor (200). Refused now, in development mode as in any other.
const PUBLISHED_SECRET = 'scalemart-development-secret-change-me-0123456789';
const ns = createTestNamespace();
let api: Awaited<ReturnType<typeof startInstance>>;

beforeAll(async () => {
  api = await startInstance(ns, { NODE_ENV: 'development' });
});
afterAll(() => api?.close());

const reencoded = (token: string) => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  return token.slice(0, -1) + alphabet[alphabet.indexOf(token.at(-1)!) ^ 1];
};

describe('GET /api/admin/stats with tokens nobody of ours signed', () => {
  it('refuses an admin token signed with the published secret: 401', async () => {
    const forged = jwt.sign({ role: 'admin' }, PUBLISHED_SECRET, {
      algorithm: 'HS256',
      subject: 'mallory',
      issuer: 'scalemart',
      audience: 'scalemart',
      expiresIn: 600,
    });
    const res = await getAs(api.url, '/api/admin/stats', forged);
    expect([res.status, (res.body as { code?: string }).code]).toEqual([401, 'unauthorized']);
  });

  it('refuses a real admin token whose signature is re-encoded, and takes the real one', async () => {
    const token = tokenFor('root', 'admin');
    expect((await getAs(api.url, '/api/admin/stats', token)).status).toBe(200);
    const res = await getAs(api.url, '/api/admin/stats', reencoded(token));
    expect(res.status).toBe(401);
  });
});
