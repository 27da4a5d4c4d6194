import path from 'node:path';
import type { Page } from 'playwright-core';
import { openSalesFloor, signIn } from './browser.js';
import { adminSeeder, type Seeder, type SeedProduct } from './seed.js';
import { ADMIN, ARTIFACTS, systemAndBrowser } from './system.js';

const product = (productId: string, name: string, initialStock: number): SeedProduct => ({
  productId,
  name,
  description: `${name}, in a flash sale.`,
  priceCents: 5000,
  currency: 'EUR',
  initialStock,
});
// The kettle's sale starts this long after seeding: time enough to open the page and sign up.
const KETTLE_STARTS_IN_S = 25;

/** A shop after a few sales: two live (one ending soon), one about to start, one later, one ended. */
async function seedShop(url: string): Promise<Seeder> {
  const seed = await adminSeeder(url);
  const sales: [SeedProduct, number, number][] = [
    [product('e2e-lamp', 'Desk lamp', 40), -120, 3_600],
    [product('e2e-mug', 'Enamel mug', 12), -300, 900],
    [product('e2e-kettle', 'Copper kettle', 1), KETTLE_STARTS_IN_S, 3_600],
    [product('e2e-chair', 'Oak chair', 5), 7_200, 10_800],
    [product('e2e-vase', 'Glass vase', 8), -600, 3_600],
  ];
  for (const [item, startsIn, endsIn] of sales) {
    await seed.product(item);
    await seed.sale(item.productId, { startsIn, endsIn, salePriceCents: 2900 });
  }
  await seed.endSale('e2e-vase');
  return seed;
}

const cardsOn = (page: Page, shelf: string) =>
  page
    .getByTestId(`shelf-${shelf}`)
    .locator('article[data-testid^="card-"]')
    .evaluateAll((cards) => cards.map((card) => card.getAttribute('data-testid')));

describe('the shop after a few sales, in a real browser', () => {
  let seed: Seeder;
  const suite = systemAndBrowser(async (origin) => (seed = await seedShop(origin)));

  it('moves a sale from upcoming to live to sold out on screen, and hides ended sales', async () => {
    const shopper = await (
      await suite.browser.newContext({ viewport: { width: 390, height: 844 } })
    ).newPage();
    await shopper.goto(suite.system.origin);
    await signIn(shopper, `shelves-${Date.now()}@e2e.test`, 'shopper-password');
    await shopper.getByTestId('connection').filter({ hasText: 'Live' }).waitFor();

    // Live sales soonest ending first; the kettle waits with its countdown; the vase is gone.
    const kettle = shopper.getByTestId('card-e2e-kettle');
    await shopper.getByTestId('shelf-upcoming').getByTestId('card-e2e-kettle').waitFor();
    await kettle.getByText(/Starts in \dm \d\ds/).waitFor();
    expect(await cardsOn(shopper, 'live')).toEqual(['card-e2e-mug', 'card-e2e-lamp']);
    expect(await cardsOn(shopper, 'upcoming')).toEqual(['card-e2e-kettle', 'card-e2e-chair']);
    expect(await shopper.getByTestId('card-e2e-vase').count()).toBe(0);

    // The sale starts: the card moves to the live shelf by itself.
    await shopper
      .getByTestId('shelf-live')
      .getByTestId('card-e2e-kettle')
      .waitFor({ timeout: (KETTLE_STARTS_IN_S + 15) * 1000 });
    await kettle.getByText(/Ends in/).waitFor();

    // The last unit is bought: the card moves to the sold-out shelf.
    await shopper.getByRole('button', { name: 'Buy Copper kettle' }).click();
    await shopper
      .getByTestId('shelf-sold-out')
      .getByTestId('card-e2e-kettle')
      .waitFor({ timeout: 15_000 });
    expect(await cardsOn(shopper, 'live')).toEqual(['card-e2e-mug', 'card-e2e-lamp']);
    await shopper
      .locator('[data-testid^="order-"]')
      .getByText('Confirmed')
      .waitFor({ timeout: 15_000 });
    expect(await shopper.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1); // no reload

    // The admin ends one sale early and opens a new one: the shop follows without a reload.
    await seed.endSale('e2e-mug');
    await seed.product(product('e2e-clock', 'Wall clock', 6));
    await seed.sale('e2e-clock', { startsIn: -1, endsIn: 1_800, salePriceCents: 2900 });
    await shopper.getByTestId('card-e2e-mug').waitFor({ state: 'detached', timeout: 10_000 });
    await shopper
      .getByTestId('shelf-live')
      .getByTestId('card-e2e-clock')
      .waitFor({ timeout: 10_000 });
    expect(await cardsOn(shopper, 'live')).toEqual(['card-e2e-clock', 'card-e2e-lamp']);
    expect(await shopper.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
    await shopper.screenshot({ path: path.join(ARTIFACTS, 'shop-phone.png'), fullPage: true });

    // An ended sale is still reachable by its link, and says it ended.
    await shopper.goto(`${suite.system.origin}/#/p/e2e-vase`);
    await shopper.getByRole('heading', { level: 2, name: 'Glass vase' }).waitFor();
    await shopper.getByTestId('card-e2e-vase').getByText('Sale ended').waitFor();
  });

  it('shows the shop to a shopper at desktop width, and the sales floor filtered to live sales', async () => {
    const visitor = await (
      await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })
    ).newPage();
    await visitor.goto(`${suite.system.origin}/#/shop`);
    await signIn(visitor, `desktop-${Date.now()}@e2e.test`, 'shopper-password');
    await visitor.getByTestId('shelf-sold-out').getByTestId('card-e2e-kettle').waitFor();
    await visitor.screenshot({ path: path.join(ARTIFACTS, 'shop-desktop.png'), fullPage: true });

    const admin = await openSalesFloor(suite.browser, suite.system.origin, ADMIN);
    await admin.getByTestId('sales-chart').and(admin.locator('[data-total-orders="1"]')).waitFor();
    await admin.getByTestId('burndown-e2e-vase').waitFor();
    const burndown = admin.locator('[data-testid^="burndown-"]');
    expect(await burndown.count()).toBe(6);
    await admin.getByRole('checkbox', { name: 'Live sales only' }).check();
    // The kettle's sale is live (sold out, but open until it ends); the chair has not started,
    // the mug's and the vase's were ended.
    expect(
      await burndown.evaluateAll((items) => items.map((item) => item.getAttribute('data-testid'))),
    ).toEqual(['burndown-e2e-clock', 'burndown-e2e-kettle', 'burndown-e2e-lamp']);
    await admin.screenshot({ path: path.join(ARTIFACTS, 'sales-floor.png'), fullPage: true });
  });
});
