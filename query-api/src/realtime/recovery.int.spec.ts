import { ProductsSnapshot, StockPush } from '@scalemart/contracts';
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
const RECOVERY_WINDOW_MS = 1500;
let api: Awaited<ReturnType<typeof startInstance>>;
let db: Awaited<ReturnType<typeof backdoor>>;
let socket: Socket | undefined;

beforeAll(async () => {
  db = await backdoor(ns);
  await db.models.products.insertOne(product('lamp'));
  api = await startInstance(ns, { RECOVERY_WINDOW_MS: String(RECOVERY_WINDOW_MS) });
});
afterEach(() => socket?.close());
afterAll(async () => {
  await api?.close();
  await db?.close();
});

/** Drops the transport as a network blip would; the client reconnects by itself. */
async function blip(client: Socket): Promise<void> {
  client.io.engine.close();
  await waitFor(() => api.io.of('/').sockets.size === 0, { what: 'the server to see the drop' });
}

describe('connection state recovery', () => {
  it('replays what a short disconnect missed, without a new snapshot', async () => {
    let snapshots: ProductsSnapshot[] = [];
    let stock: StockPush[] = [];
    socket = await connectSocket(api.url, undefined, (client) => {
      snapshots = record<ProductsSnapshot>(client, 'products');
      stock = record<StockPush>(client, 'stock');
    });
    await waitFor(() => snapshots.length === 1, { what: 'the first snapshot' });
    await watch(socket, { productId: 'lamp' });
    await blip(socket);
    await db.notify(stockNotice('lamp', 1, 42)); // sent while the socket is away
    await waitFor(() => stock.length === 1, { what: 'the missed push, replayed' });
    expect(socket.recovered).toBe(true);
    expect(stock[0]).toMatchObject({ stockVersion: 1, available: 42 });
    expect(snapshots).toHaveLength(1);
  });

  it('gives a fresh snapshot to a client that comes back after the window', async () => {
    let snapshots: ProductsSnapshot[] = [];
    socket = await connectSocket(
      api.url,
      undefined,
      (client) => (snapshots = record<ProductsSnapshot>(client, 'products')),
    );
    await waitFor(() => snapshots.length === 1, { what: 'the first snapshot' });
    socket.io.reconnection(false);
    socket.disconnect();
    await waitFor(() => api.io.of('/').sockets.size === 0, { what: 'the server to see the drop' });
    await db.notify(stockNotice('lamp', 2, 41));
    const leftAt = Date.now();
    await waitFor(() => Date.now() - leftAt > RECOVERY_WINDOW_MS, {
      timeoutMs: 5000,
      what: 'the window to pass',
    });
    socket.connect();
    await waitFor(() => snapshots.length === 2, { what: 'a fresh snapshot' });
    expect(socket.recovered).toBe(false);
    expect(ProductsSnapshot.parse(snapshots[1]).products[0]).toMatchObject({
      stockVersion: 2,
      available: 41,
    });
  });
});
