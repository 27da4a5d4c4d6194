import { request } from '../testing/httpClient.js';
import { problemCode } from '../testing/responseBodies.js';
import { startHarness, type Harness } from '../testing/harness.js';

// Issue 25: /metrics answered anyone on every interface.
const scrape = (h: Harness, headers: Record<string, string> = {}) =>
  request({ port: h.port, method: 'GET', path: '/metrics', headers });

describe('/metrics without METRICS_TOKEN', () => {
  let h: Harness;
  beforeAll(async () => (h = await startHarness()));
  afterAll(() => h.close());

  it('answers a peer on this machine, whatever X-Forwarded-For says', async () => {
    const res = await scrape(h, { 'x-forwarded-for': '203.0.113.1' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('# HELP');
  });
});

describe('/metrics with METRICS_TOKEN', () => {
  let h: Harness;
  beforeAll(
    async () => (h = await startHarness({ env: { METRICS_TOKEN: 'a-metrics-token-of-ours' } })),
  );
  afterAll(() => h.close());

  it('asks every caller for the token', async () => {
    const refused = await scrape(h);
    expect([refused.status, problemCode(refused)]).toEqual([401, 'metrics_token_required']);
    const wrong = await scrape(h, { authorization: 'Bearer not-the-token-at-all' });
    expect(wrong.status).toBe(401);
    expect((await scrape(h, { authorization: 'Bearer a-metrics-token-of-ours' })).status).toBe(200);
  });
});
