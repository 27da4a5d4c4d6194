import { ProductPush, StockPush } from '@scalemart/contracts';
import { createTestNamespace, waitFor } from '@scalemart/testkit';
import type { Socket } from 'socket.io-client';
import {
  backdoor,
  connectSocket,
  product,
  record,
  startInstance,
  stockNotice,
  watch,
} from '../testing/fixtures.js';

const ns = createTestNamespace();
let api: Awaited<ReturnType<typeof startInstance>>;
let db: Awaited<ReturnType<typeof backdoor>>;
let socket: Socket | undefined;

beforeAll(async () => {
  db = await backdoor(ns);
  await db.models.products.insertOne(product('kettle', { stockVersion: 3, available: 10 }));
  api = await startInstance(ns, { PRODUCT_PUSH_INTERVAL_MS: '100' });
});
afterAll(async () => {
  socket?.close();
  await api?.close();
  await db?.close();
});

// Showing that nothing more is pushed takes a bounded pause: there is no event to wait for.
const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

describe('product pushes: sale changes that carry no new stock version', () => {
  it('pushes the product when its sale ends early, and nothing while only its stock notices repeat', async () => {
    socket = await connectSocket(api.url);
    await watch(socket, {});
    const products = record<ProductPush>(socket, 'product');
    const stock = record<StockPush>(socket, 'stock');

    await db.notify(stockNotice('kettle', 3, 10));
    await waitFor(() => products.length === 1, { timeoutMs: 3000, what: 'the first product push' });
    expect(ProductPush.parse(products[0]).product).toMatchObject({
      productId: 'kettle',
      sale: { endedAt: null },
    });

    // A confirmation: the same stock version, nothing a shopper sees of the sale changed.
    await db.notify(stockNotice('kettle', 3, 10));
    await settle();
    expect(products).toHaveLength(1);

    // The admin ends the sale: the projection writes endedAt and sends a notice, same stock version.
    const endedAt = new Date().toISOString();
    await db.models.products.updateOne({ _id: 'kettle' }, { $set: { 'sale.endedAt': endedAt } });
    await db.notify(stockNotice('kettle', 3, 10));
    await waitFor(() => products.length === 2, {
      timeoutMs: 3000,
      what: 'the push of the ended sale',
    });
    expect(ProductPush.parse(products[1]).product.sale?.endedAt).toBe(endedAt);
    // The stock coalescer still sent that version once only.
    expect(stock.map((push) => push.stockVersion)).toEqual([3]);
  });

  it('reads a product at most once per interval, however many notices arrive', async () => {
    const products = record<ProductPush>(socket!, 'product');
    const startedAt = Date.now();
    for (let i = 0; i < 50; i++) {
      await db.models.products.updateOne({ _id: 'kettle' }, { $set: { name: `Kettle ${i}` } });
      for (let n = 0; n < 10; n++) db.publishRaw(stockNotice('kettle', 3, 10));
    }
    await db.flush();
    const elapsedMs = Date.now() - startedAt;
    await waitFor(() => products.at(-1)?.product.name === 'Kettle 49', {
      timeoutMs: 3000,
      what: 'the last name',
    });
    // 500 notices, each after a change: one read (and push) per 100 ms interval, plus the trailing one.
    expect(products.length).toBeGreaterThanOrEqual(2);
    expect(products.length).toBeLessThanOrEqual(Math.ceil(elapsedMs / 100) + 2);
    expect(products.length).toBeLessThan(50);
  });
});
