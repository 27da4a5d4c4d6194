import type { ProductChanged, StockPush } from '@scalemart/contracts';
import { waitFor } from '@scalemart/infra/testkit';
import { createStockCoalescer } from './stockCoalescer.js';

const notice = (productId: string, stockVersion: number): ProductChanged => ({
  kind: 'product',
  productId,
  available: 1000 - stockVersion,
  pending: 0,
  sold: stockVersion,
  stockVersion,
  eventAt: new Date().toISOString(),
});

describe('createStockCoalescer', () => {
  it('sends the first change at once', () => {
    const pushes: StockPush[] = [];
    const coalescer = createStockCoalescer(200, (push) => pushes.push(push));
    coalescer.offer(notice('lamp', 1));
    expect(pushes.map((push) => push.stockVersion)).toEqual([1]);
    coalescer.close();
  });

  it('turns a burst into at most one push per interval, ending on the newest version', async () => {
    const pushes: StockPush[] = [];
    const coalescer = createStockCoalescer(100, (push) => pushes.push(push));
    for (let version = 1; version <= 1000; version++) coalescer.offer(notice('lamp', version));
    await waitFor(() => pushes.at(-1)?.stockVersion === 1000, { what: 'the trailing push' });
    expect(pushes.map((push) => push.stockVersion)).toEqual([1, 1000]);
    coalescer.close();
  });

  it('drops reordered and repeated versions and keeps products apart', async () => {
    const pushes: StockPush[] = [];
    const coalescer = createStockCoalescer(50, (push) => pushes.push(push));
    coalescer.offer(notice('lamp', 5));
    coalescer.offer(notice('desk', 1));
    coalescer.offer(notice('lamp', 3));
    coalescer.offer(notice('lamp', 5));
    expect(coalescer.latest('lamp')?.stockVersion).toBe(5);
    coalescer.offer(notice('lamp', 6));
    await waitFor(() => pushes.length === 3, { what: 'the trailing lamp push' });
    expect(pushes.map((push) => `${push.productId}@${push.stockVersion}`)).toEqual([
      'lamp@5',
      'desk@1',
      'lamp@6',
    ]);
    coalescer.close();
  });
});
