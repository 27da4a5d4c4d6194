import { Validator } from '@seriousme/openapi-schema-validator';
import { documentedRoutes, openApiDocument } from '@scalemart/contracts';
import { createLogger, listExpressRoutes } from '@scalemart/runtime/service';
import { createTestNamespace } from '@scalemart/testkit';
import request from 'supertest';
import { createApp } from '../app.js';
import { createMetrics } from '../http/metrics.js';
import { backdoor, tokenFor, tokens } from '../testing/fixtures.js';

const ns = createTestNamespace();
let db: Awaited<ReturnType<typeof backdoor>>;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  db = await backdoor(ns);
  app = createApp({
    models: db.models,
    tokens,
    corsOrigins: [],
    metrics: createMetrics(() => new Map()),
    readiness: () => Promise.resolve({ mongo: 'ok' }),
    logger: createLogger('query-api-test', 'silent'),
  });
});
afterAll(async () => {
  await db?.close();
});

describe('the API description', () => {
  it('documents exactly the routes this app has, no more, no fewer', () => {
    expect(listExpressRoutes(app)).toEqual(documentedRoutes(openApiDocument(), 'query-api'));
  });

  it('serves the generated document, a valid OpenAPI 3.1 document', async () => {
    const res = await request(app)
      .get('/api/openapi.json')
      .expect(200)
      .expect('content-type', /application\/json/);
    expect(res.body).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
    const result = await new Validator().validate(res.body as Record<string, unknown>);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
  });

  it('serves the reference page and its assets from this origin only', async () => {
    const page = await request(app)
      .get('/api/docs')
      .expect(200)
      .expect('content-type', /text\/html/);
    const csp = page.headers['content-security-policy'] as string;
    expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+';/);
    const sources = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(sources.length).toBeGreaterThanOrEqual(3);
    for (const source of sources) {
      expect(source).toMatch(/^\/api\/docs\/assets\//);
      await request(app).get(source).expect(200);
    }
    await request(app).get('/api/docs/assets/../../openapi.json').expect(404);
  });

  it('answers 405 with Allow for a path of the API and a method it does not have', async () => {
    const res = await request(app).post('/api/products').expect(405).expect('allow', 'GET, HEAD');
    expect(JSON.parse(res.text)).toMatchObject({ status: 405, code: 'method_not_allowed' });
    // A command-api path reached here by a read: still the path's own methods, not a 404.
    await request(app)
      .get('/api/admin/products/lamp/restock')
      .set('Authorization', `Bearer ${tokenFor('root', 'admin')}`)
      .expect(405)
      .expect('allow', 'POST');
    await request(app).get('/api/nope').expect(404);
  });
});
