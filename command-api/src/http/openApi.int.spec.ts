import { documentedRoutes, openApiDocument } from '@scalemart/contracts';
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
    expect(h.apis[0]!.routes()).toEqual(documentedRoutes(openApiDocument(), 'command-api'));
  });
});
