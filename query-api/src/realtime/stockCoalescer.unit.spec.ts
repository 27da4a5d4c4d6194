import type { ProductChanged, StockPush } from '@scalemart/contracts';
import { waitFor } from '@scalemart/testkit';
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

describe('createStockCoalescer with a costly fan-out', () => {
  const busyFor = (ms: number) => {
    const until = performance.now() + ms;
    while (performance.now() < until); // a push to a full room: CPU, synchronously
  };

  it('waits cost / share after a costly push before the next one, still ending on the newest', async () => {
    const pushedAt: number[] = [];
    const pushes: StockPush[] = [];
    const coalescer = createStockCoalescer(
      10,
      (push) => {
        busyFor(40);
        pushes.push(push);
        pushedAt.push(performance.now());
      },
      0.25,
    );
    coalescer.offer(notice('lamp', 1));
    coalescer.offer(notice('lamp', 2));
    coalescer.offer(notice('lamp', 3));
    await waitFor(() => pushes.at(-1)?.stockVersion === 3, { what: 'the trailing push' });
    expect(pushes.map((push) => push.stockVersion)).toEqual([1, 3]);
    // 40 ms of fan-out at a 25 % share: the next push starts 160 ms after the first ended.
    expect(pushedAt[1]! - pushedAt[0]!).toBeGreaterThanOrEqual(150 + 40);
    coalescer.close();
  });

  it('pushes the sold-out after the plain interval, not behind the long gap', async () => {
    const pushedAt: number[] = [];
    const pushes: StockPush[] = [];
    const coalescer = createStockCoalescer(
      10,
      (push) => {
        busyFor(100); // the next intermediate value would wait 400 ms
        pushes.push(push);
        pushedAt.push(performance.now());
      },
      0.25,
    );
    coalescer.offer({ ...notice('lamp', 1), available: 2 });
    coalescer.offer({ ...notice('lamp', 2), available: 1 });
    coalescer.offer({ ...notice('lamp', 3), available: 0 });
    await waitFor(() => pushes.at(-1)?.stockVersion === 3, { what: 'the sold-out push' });
    expect(pushes.map((push) => push.available)).toEqual([2, 0]);
    expect(pushedAt[1]! - pushedAt[0]!).toBeLessThan(100 + 200);
    coalescer.close();
  });
});
