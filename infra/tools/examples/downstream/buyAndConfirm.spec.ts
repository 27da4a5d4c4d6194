// A downstream project's suite: it imports ScaleMart as any user of @scalemart/tools would.
import { ScaleMart } from '@scalemart/tools';
import { waitFor } from '@scalemart/testkit';

describe('a shop built on ScaleMart', () => {
  let scalemart: ScaleMart;

  beforeAll(async () => {
    // Servers from Testcontainers with a Docker engine, local binaries without; the demo sale seeded.
    scalemart = await ScaleMart.start({
      seed: true,
      serviceEnv: { processors: { PAYMENT_FAILURE_RATE: '0' } },
    });
  }, 120_000);

  afterAll(() => scalemart?.stop());

  it('buys a pair of headphones and sees the order confirmed', async () => {
    const token = await scalemart.shopperToken();
    const auth = { authorization: `Bearer ${token}` };
    const placed = await fetch(`${scalemart.origin}/api/orders`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ productId: 'aurora-headphones', quantity: 1 }),
    });
    expect(placed.status).toBe(202);
    const { orderId } = (await placed.json()) as { orderId: string };

    const order = await waitFor(
      async () => {
        const res = await fetch(`${scalemart.origin}/api/orders/${orderId}`, { headers: auth });
        const body = res.ok ? ((await res.json()) as { status: string }) : undefined;
        return body?.status === 'confirmed' ? body : undefined;
      },
      { timeoutMs: 20_000, what: `order ${orderId} confirmed` },
    );
    expect(order).toMatchObject({ orderId, status: 'confirmed', quantity: 1 });
  }, 60_000);
});
