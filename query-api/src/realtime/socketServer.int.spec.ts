import {
  LowStockPush,
  OrderPush,
  ProductsSnapshot,
  StockPush,
  VelocityPush,
} from '@scalemart/contracts';
import { createTestNamespace, waitFor } from '@scalemart/testkit';
import jwt from 'jsonwebtoken';
import type { Socket } from 'socket.io-client';
import {
  backdoor,
  connectSocket,
  deadLetter,
  JWT_SECRET,
  order,
  product,
  record,
  startInstance,
  stockNotice,
  tokenFor,
  watch,
} from '../testing/fixtures.js';

const ns = createTestNamespace();
let a: Awaited<ReturnType<typeof startInstance>>;
let b: Awaited<ReturnType<typeof startInstance>>;
let db: Awaited<ReturnType<typeof backdoor>>;
const sockets: Socket[] = [];
const open = async (url: string, token?: string) => {
  const socket = await connectSocket(url, token);
  sockets.push(socket);
  return socket;
};

beforeAll(async () => {
  db = await backdoor(ns);
  await db.models.products.insertMany([product('lamp'), product('desk')]);
  [a, b] = await Promise.all([startInstance(ns), startInstance(ns)]);
});
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.close();
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await db?.close();
});

describe('stock pushes across instances', () => {
  it('a socket on A and one on B see a stock drop within a second of the notice', async () => {
    const onA = await open(a.url);
    const onB = await open(b.url);
    await watch(onA, { productId: 'lamp' });
    await watch(onB, {});
    const [seenA, seenB] = [record<StockPush>(onA, 'stock'), record<StockPush>(onB, 'stock')];
    const sentAt = Date.now();
    await db.notify(stockNotice('lamp', 1, 99));
    await waitFor(() => seenA.length > 0 && seenB.length > 0, {
      timeoutMs: 1000,
      what: 'stock pushes on A and B',
    });
    expect(Date.now() - sentAt).toBeLessThan(1000);
    expect(StockPush.parse(seenA[0])).toMatchObject({
      productId: 'lamp',
      available: 99,
      stockVersion: 1,
    });
    expect(seenB[0]).toEqual(seenA[0]);
  });

  it('coalesces 1,000 notices in a second into a handful of pushes ending on the final value', async () => {
    const socket = await open(a.url);
    await watch(socket, { productId: 'desk' });
    const seen = record<StockPush>(socket, 'stock');
    for (let version = 1; version <= 1000; version++) {
      db.publishRaw(stockNotice('desk', version, Math.max(0, 100 - Math.floor(version / 10))));
      if (version % 100 === 0) {
        await db.flush();
        await new Promise((resolve) => setTimeout(resolve, 90)); // pacing: spread the burst over ~1 s
      }
    }
    await waitFor(() => seen.at(-1)?.stockVersion === 1000, {
      timeoutMs: 3000,
      what: 'the final stock value',
    });
    expect(seen.at(-1)).toMatchObject({ stockVersion: 1000, available: 0 });
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.length).toBeLessThanOrEqual(10);
    const versions = seen.map((push) => push.stockVersion);
    expect(versions).toEqual([...versions].sort((x, y) => x - y));
  });

  it('sends a snapshot on connect that is never older than the last notice', async () => {
    let snapshots: ProductsSnapshot[] = [];
    sockets.push(
      await connectSocket(
        b.url,
        undefined,
        (socket) => (snapshots = record<ProductsSnapshot>(socket, 'products')),
      ),
    );
    await waitFor(() => snapshots.length > 0, { what: 'a products snapshot' });
    const { products } = ProductsSnapshot.parse(snapshots[0]);
    expect(products.find((p) => p.productId === 'desk')).toMatchObject({
      stockVersion: 1000,
      available: 0,
    });
  });
});

describe('orders and admin rooms', () => {
  it("pushes a user their own order pending -> confirmed, and never another user's", async () => {
    const alice = await open(a.url, tokenFor('alice'));
    const bob = await open(b.url, tokenFor('bob'));
    const [aliceSeen, bobSeen] = [
      record<OrderPush>(alice, 'order'),
      record<OrderPush>(bob, 'order'),
    ];
    const mine = order('alice', Date.now());
    await db.models.orders.insertOne(mine);
    const notice = {
      kind: 'order' as const,
      orderId: mine.orderId,
      userId: 'alice',
      productId: 'p1',
      eventAt: new Date().toISOString(),
    };
    await db.notify({ ...notice, status: 'pending' });
    await waitFor(() => aliceSeen.length === 1, { what: 'the pending push' });
    const confirmedAt = new Date().toISOString();
    await db.models.orders.updateOne(
      { _id: mine.orderId },
      {
        $set: {
          status: 'confirmed',
          updatedAt: confirmedAt,
          history: [...mine.history, { status: 'confirmed', at: confirmedAt }],
        },
      },
    );
    await db.notify({ ...notice, status: 'confirmed', eventAt: confirmedAt });
    await waitFor(() => aliceSeen.length === 2, { what: 'the confirmed push' });
    expect(aliceSeen.map((push) => OrderPush.parse(push).order.status)).toEqual([
      'pending',
      'confirmed',
    ]);
    // Barrier: once bob gets his own order, alice's two were long delivered — and not to him.
    const his = order('bob', Date.now());
    await db.models.orders.insertOne(his);
    await db.notify({ ...notice, orderId: his.orderId, userId: 'bob', status: 'pending' });
    await waitFor(() => bobSeen.length === 1, { what: "bob's own push" });
    expect(bobSeen.map((push) => push.order.orderId)).toEqual([his.orderId]);
    expect(aliceSeen.every((push) => push.order.userId === 'alice')).toBe(true);
  });

  it('keeps anonymous and shopper sockets out of admin and user rooms', async () => {
    const anonymous = await open(a.url);
    const shopper = await open(a.url, tokenFor('carol'));
    const admin = await open(a.url, tokenFor('root', 'admin'));
    for (const socket of [anonymous, shopper]) {
      expect(await watch(socket, { room: 'admin' })).toMatchObject({
        ok: false,
        code: 'invalid_request',
      });
      expect(await watch(socket, { productId: 'x:admin' })).toMatchObject({ ok: false });
      expect(await watch(socket, { productId: 'admin' })).toEqual({
        ok: true,
        room: 'product:admin',
      });
      socket.emit('join', 'admin');
      socket.emit('join', 'user:alice');
    }
    const letters = [anonymous, shopper, admin].map((socket) => record(socket, 'dead-letter'));
    await db.models.deadLetters.insertOne(deadLetter('dl-1', Date.now()));
    await db.notify({
      kind: 'dead-letter',
      id: 'dl-1',
      consumer: 'products-projection',
      reason: 'bad',
      eventAt: new Date().toISOString(),
    });
    await waitFor(() => letters[2]!.length === 1, { what: 'the admin dead-letter push' });
    const inRoom = async (room: string) =>
      (await a.io.in(room).fetchSockets()).map((socket) => socket.id);
    expect(await inRoom('admin')).toEqual([admin.id]);
    expect(await inRoom('user:alice')).toEqual([]);
    expect(await inRoom('user:carol')).toEqual([shopper.id]);
    const [server] = await a.io.in(anonymous.id!).fetchSockets();
    expect([...server!.rooms].sort()).toEqual([anonymous.id!, 'product:admin'].sort());
    expect([letters[0]!.length, letters[1]!.length]).toEqual([0, 0]);
  });

  it('pushes velocity every second and low-stock alerts to admins', async () => {
    const admin = await open(b.url, tokenFor('root', 'admin'));
    const [velocity, lowStock] = [
      record<VelocityPush>(admin, 'velocity'),
      record<LowStockPush>(admin, 'low-stock'),
    ];
    await waitFor(() => velocity.length > 0, { timeoutMs: 3000, what: 'a velocity push' });
    expect(VelocityPush.parse(velocity[0]).pendingOrders).toBe(1); // bob's order; alice's was confirmed
    await db.notify(stockNotice('lamp', 2, 3));
    await waitFor(() => lowStock.length > 0, { what: 'a low-stock alert' });
    expect(LowStockPush.parse(lowStock[0])).toMatchObject({ productId: 'lamp', available: 3 });
  });
});

describe('handshake', () => {
  it('refuses a forged token with a clear error', async () => {
    await expect(connectSocket(a.url, 'not-a-token')).rejects.toMatchObject({
      message: 'The token is not valid',
      data: { code: 'unauthorized', reason: 'invalid' },
    });
  });

  it('closes a socket when its token expires, and refuses the reconnect as expired', async () => {
    const shortLived = jwt.sign(
      { role: 'shopper', exp: Math.floor(Date.now() / 1000) + 2 },
      JWT_SECRET,
      {
        algorithm: 'HS256',
        subject: 'dave',
        issuer: 'scalemart',
        audience: 'scalemart',
      },
    );
    const socket = await open(a.url, shortLived);
    const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    socket.io.reconnection(false); // the reconnect is made by hand below, to read its refusal
    await expect(
      Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 4_000, 'still open'))]),
    ).resolves.toBe('io server disconnect');
    await expect(connectSocket(a.url, shortLived)).rejects.toMatchObject({
      message: 'The token has expired',
      data: { code: 'unauthorized', reason: 'expired' },
    });
  });

  it('refuses an expired token with a clear error', async () => {
    const expired = jwt.sign(
      { role: 'shopper', exp: Math.floor(Date.now() / 1000) - 60 },
      JWT_SECRET,
      {
        algorithm: 'HS256',
        subject: 'alice',
        issuer: 'scalemart',
        audience: 'scalemart',
      },
    );
    await expect(connectSocket(a.url, expired)).rejects.toMatchObject({
      message: 'The token has expired',
      data: { code: 'unauthorized', reason: 'expired' },
    });
  });
});
