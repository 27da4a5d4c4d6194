import path from 'node:path';
import { apiOperations } from '@scalemart/contracts';
import { ARTIFACTS, systemAndBrowser } from './system.js';

describe('the API reference page, through the one origin', () => {
  const suite = systemAndBrowser();

  it('renders every operation of /api/openapi.json, loading nothing from elsewhere', async () => {
    const page = await (
      await suite.browser.newContext({ viewport: { width: 1280, height: 1800 } })
    ).newPage();
    const requested: string[] = [];
    const problems: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));

    await page.goto(`${suite.system.origin}/api/docs`);
    await page.locator('.swagger-ui .info .title', { hasText: 'ScaleMart API' }).waitFor();
    // Operations served by both APIs (health, readiness, metrics) show under both tags.
    const shown = apiOperations.reduce((sum, operation) => sum + operation.services.length, 0);
    await page
      .locator('.opblock')
      .nth(shown - 1)
      .waitFor();
    expect(await page.locator('.opblock').count()).toBe(shown);
    // A purchase, opened: its refusals are listed per status with their problem codes.
    const placeOrder = page.locator('#operations-command-api-placeOrder');
    await placeOrder.locator('.opblock-summary').click();
    await placeOrder.getByText('not enough units left').first().waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));

    await page.screenshot({ path: path.join(ARTIFACTS, 'api-docs.png') });
    expect(
      requested.filter((url) => !url.startsWith(suite.system.origin) && !url.startsWith('data:')),
    ).toEqual([]);
    expect(requested).toContain(`${suite.system.origin}/api/openapi.json`);
    expect(problems).toEqual([]);
  });
});
