import { createTestNamespace } from '@scalemart/testkit';
import request from 'supertest';
import { startInstance } from '../testing/fixtures.js';

// Issue 25: /metrics answered anyone on every interface.
const ns = createTestNamespace();
let open: Awaited<ReturnType<typeof startInstance>>;
let guarded: Awaited<ReturnType<typeof startInstance>>;

beforeAll(async () => {
  open = await startInstance(ns);
  guarded = await startInstance(ns, { METRICS_TOKEN: 'a-metrics-token-of-ours' });
});
afterAll(async () => {
  await open?.close();
  await guarded?.close();
});

describe('/metrics', () => {
  it('answers a peer on this machine when no token is set', async () => {
    await request(open.url).get('/metrics').set('x-forwarded-for', '203.0.113.1').expect(200);
  });

  it('asks for METRICS_TOKEN when one is set', async () => {
    const refused = await request(guarded.url).get('/metrics').expect(401);
    expect(refused.body).toMatchObject({ code: 'metrics_token_required' });
    await request(guarded.url)
      .get('/metrics')
      .set('authorization', 'Bearer a-metrics-token-of-ours')
      .expect(200);
  });
});
