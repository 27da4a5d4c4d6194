import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { numberAt, openSalesFloor, signIn } from './browser.js';
import { adminSeeder } from './seed.js';
import { ADMIN, ARTIFACTS, systemAndBrowser } from './system.js';

const PRODUCT = {
  productId: 'e2e-lamp',
  name: 'E2E lamp',
  description: 'Bright.',
  priceCents: 4000,
  currency: 'EUR',
  initialStock: 20,
};

async function seedLiveSale(url: string): Promise<void> {
  const seed = await adminSeeder(url);
  await seed.product(PRODUCT);
  await seed.sale(PRODUCT.productId, { startsIn: -60, endsIn: 3600, salePriceCents: 2900 });
}

describe('a flash sale in a real browser, through the one origin', () => {
  const suite = systemAndBrowser(seedLiveSale);

  it('a shopper buys and sees pending then confirmed; a second screen and the admin floor move live', async () => {
    // The admin floor, open before anything is sold.
    const admin = await openSalesFloor(suite.browser, suite.system.origin, ADMIN);
    await admin.getByTestId('kpi-orders').filter({ hasText: /^\d+$/ }).waitFor();
    const ordersBefore = await numberAt(admin, 'kpi-orders');
    const chart = admin.getByTestId('sales-chart');
    expect(await chart.getAttribute('data-minutes')).toBe('30');
    const chartOrdersBefore = await numberAt(admin, 'sales-chart', 'data-total-orders');

    // A second screen: a visitor who only watches the stock.
    const watcher = await (await suite.browser.newContext()).newPage();
    await watcher.goto(suite.system.origin);
    const stock = watcher.getByTestId(`stock-${PRODUCT.productId}`);
    await stock.filter({ hasText: '20 left' }).waitFor();
    await watcher.getByTestId('connection').filter({ hasText: 'Live' }).waitFor();
    await watcher.evaluate((id) => {
      const target = document.querySelector(`[data-testid="stock-${id}"]`)!;
      new MutationObserver(() => {
        (window as unknown as { changedAt?: number }).changedAt ??= Date.now();
      }).observe(target, { attributes: true, attributeFilter: ['data-available'] });
    }, PRODUCT.productId);

    // The shopper, on a phone-sized screen.
    const shopper = await (
      await suite.browser.newContext({ viewport: { width: 390, height: 844 } })
    ).newPage();
    await shopper.goto(suite.system.origin);
    await signIn(shopper, `shopper-${Date.now()}@e2e.test`, 'shopper-password');
    await shopper.getByTestId('connection').filter({ hasText: 'Live' }).waitFor();
    await shopper.evaluate(() =>
      document.addEventListener(
        'click',
        () => ((window as unknown as { clickedAt?: number }).clickedAt ??= Date.now()),
        true,
      ),
    );
    await shopper.getByRole('button', { name: `Buy ${PRODUCT.name}` }).click();
    await shopper.getByText('Order placed: pending').waitFor();
    const order = shopper.locator('[data-testid^="order-"]');
    await order.getByText('Pending').waitFor();
    await order.getByText('Confirmed').waitFor({ timeout: 15_000 });
    expect(await shopper.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1); // no reload

    await stock.filter({ hasText: '19 left' }).waitFor({ timeout: 10_000 });
    const clickedAt = await shopper.evaluate(
      () => (window as unknown as { clickedAt: number }).clickedAt,
    );
    const changedAt = await watcher.evaluate(
      () => (window as unknown as { changedAt: number }).changedAt,
    );
    const purchaseToSecondScreenMs = changedAt - clickedAt;
    expect(purchaseToSecondScreenMs).toBeGreaterThan(0);

    await admin
      .getByTestId('kpi-orders')
      .filter({ hasText: String(ordersBefore + 1) })
      .waitFor({ timeout: 15_000 });
    // The current minute's bar fills up with the order, without waiting for the minute to end
    // (unless the purchase was in the minute that just ended).
    await admin.waitForFunction(
      ({ before, purchaseMinute }) => {
        const chart = document.querySelector('[data-testid="sales-chart"]');
        const current = Number(chart?.getAttribute('data-current-minute-orders'));
        const sameMinute = Math.floor(Date.now() / 60_000) === purchaseMinute;
        return (
          Number(chart?.getAttribute('data-total-orders')) > before && (current > 0 || !sameMinute)
        );
      },
      { before: chartOrdersBefore, purchaseMinute: Math.floor(clickedAt / 60_000) },
      { timeout: 15_000 },
    );
    await admin
      .getByTestId(`burndown-${PRODUCT.productId}`)
      .filter({ hasText: '19/20 left' })
      .waitFor();

    await shopper.screenshot({ path: path.join(ARTIFACTS, 'purchase-phone.png'), fullPage: true });
    await admin.screenshot({ path: path.join(ARTIFACTS, 'purchase-floor.png'), fullPage: true });
    const figures = { purchaseToSecondScreenMs, measuredAt: new Date().toISOString() };
    await writeFile(path.join(ARTIFACTS, 'latency.json'), `${JSON.stringify(figures, null, 2)}\n`);
    console.log(`purchase -> stock change on a second screen: ${purchaseToSecondScreenMs} ms`);
  });

  it('shows reconnecting while query-api is down, then a fresh snapshot with what was sold meanwhile', async () => {
    const watcher = await (await suite.browser.newContext()).newPage();
    await watcher.goto(suite.system.origin);
    await watcher.getByTestId('connection').filter({ hasText: 'Live' }).waitFor();
    const stock = watcher.getByTestId(`stock-${PRODUCT.productId}`);
    const before = Number(await stock.getAttribute('data-available'));

    await suite.system.kill('query-api', 'SIGTERM');
    await watcher
      .getByTestId('connection')
      .filter({ hasText: 'Reconnecting' })
      .waitFor({ timeout: 10_000 });
    await watcher.getByText(/^Reconnecting… stock and sale states may be out of date/).waitFor();
    // A purchase while the read side is away: command-api still takes it.
    const signup = await fetch(`${suite.system.origin}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: `offline-${Date.now()}@e2e.test`,
        password: 'shopper-password',
      }),
    });
    const { token } = (await signup.json()) as { token: string };
    const bought = await fetch(`${suite.system.origin}/api/orders`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'idempotency-key': crypto.randomUUID(),
      },
      body: JSON.stringify({ productId: PRODUCT.productId, quantity: 1 }),
    });
    expect(bought.status).toBe(202);

    await suite.system.restart('query-api');
    await watcher
      .getByTestId('connection')
      .filter({ hasText: 'Live' })
      .waitFor({ timeout: 20_000 });
    await stock.filter({ hasText: `${before - 1} left` }).waitFor({ timeout: 10_000 });
    expect(await watcher.getByText(/^Reconnecting… stock/).count()).toBe(0);
  });
});
