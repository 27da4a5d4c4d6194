import { documentedRoutes, openApiDocument } from '@scalemart/contracts';
import { listExpressRoutes } from '@scalemart/runtime/service';
import { startHarness, type Harness } from '../testing/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('the API description', () => {
  it('documents exactly the routes this app has, no more, no fewer', () => {
    expect(listExpressRoutes(h.apis[0]!.app)).toEqual(
      documentedRoutes(openApiDocument(), 'command-api'),
    );
  });
});
