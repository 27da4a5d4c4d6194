/**
 * Push latency under a burst: notice `eventAt` -> client receipt, p50/p99.
 *
 *   npx tsc -b query-api && npx tsc -p query-api/tsconfig.bench.json
 *   node query-api/dist/bench/pushLatency.js --products 100 --stock-notices 10000 --users 50 --order-notices 2000
 *
 * Starts its own servers (the testkit's local stack), seeds the read models, spawns query-api
 * instances (`node dist/main.js`), connects Socket.IO clients spread over them, then publishes
 * the burst on core NATS as fast as it can and waits until every client has the final values.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { shopNaming, type ChangeNotice } from '@scalemart/contracts';
import { startStack } from '@scalemart/testkit';
import {
  connectMongo,
  connectNats,
  createAccessTokens,
  mintJwtSecret,
} from '@scalemart/runtime/service';
import { waitFor } from '@scalemart/testkit';
import { io, type Socket } from 'socket.io-client';
import { percentiles, serverSide } from './benchStats.js';

const DEFAULTS = {
  products: '100', // products, each watched by every watcher
  'stock-notices': '10000', // product notices in the burst
  users: '50', // users with a socket each
  'order-notices': '2000', // order notices in the burst (pending then confirmed)
  watchers: '20', // anonymous sockets watching every product
  instances: '2', // query-api processes
  rate: '0', // notices per second; 0 = as fast as one publisher can
};
const { values: opts } = parseArgs({
  options: Object.fromEntries(
    Object.entries(DEFAULTS).map(([key, value]) => [key, { type: 'string', default: value }]),
  ),
}) as { values: Record<string, string> };
const n = (key: string) => Number.parseInt(opts[key]!, 10);
// Minted per run: a secret written here would be one anyone can sign tokens with (issue 25).
const SECRET = mintJwtSecret();
const MAIN = fileURLToPath(new URL('../main.js', import.meta.url));

function startInstance(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [...(process.env.BENCH_CHILD_ARGS?.split(' ').filter(Boolean) ?? []), MAIN],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = /"port":(\d+)[^\n]*query-api listening/.exec(buffer);
      if (match) resolve({ child, url: `http://127.0.0.1:${match[1]}` });
    });
    child.once('exit', (code) => reject(new Error(`query-api exited with ${code}`)));
  });
}

function connect(url: string, token?: string): Promise<Socket> {
  const socket = io(url, {
    transports: ['websocket'],
    auth: token ? { token } : {},
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

const stack = await startStack({ kind: 'local' });
const mongo = await connectMongo(stack.urls.mongo, 'scalemart_bench');
const nc = await connectNats(stack.urls.nats, 'push-bench');
const children: ChildProcess[] = [];
const sockets: Socket[] = [];
try {
  const products = Array.from({ length: n('products') }, (_, i) => `p${i}`);
  const users = Array.from({ length: n('users') }, (_, i) => `u${i}`);
  const now = new Date().toISOString();
  await mongo.db.collection('products').insertMany(
    products.map((productId) => ({
      _id: productId,
      productId,
      name: productId,
      description: '',
      priceCents: 100,
      currency: 'EUR',
      sale: null,
      initialStock: 1_000_000,
      restocked: 0,
      available: 1_000_000,
      pending: 0,
      sold: 0,
      lowStock: false,
      soldOutAt: null,
      stockVersion: 0,
      updatedAt: now,
    })) as never[],
  );
  const ordersPerUser = Math.floor(n('order-notices') / Math.max(1, users.length) / 2);
  const orders = users.flatMap((userId) =>
    Array.from({ length: ordersPerUser }, () => ({
      _id: randomUUID(),
      userId,
      productId: 'p0',
      quantity: 1,
      unitPriceCents: 100,
      totalCents: 100,
      currency: 'EUR',
      status: 'confirmed',
      history: [],
      placedAt: now,
      updatedAt: now,
    })),
  );
  if (orders.length > 0)
    await mongo.db
      .collection('orders')
      .insertMany(orders.map((o) => ({ ...o, orderId: o._id })) as never[]);

  const env = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    PORT: '0',
    HOST: '127.0.0.1',
    JWT_SECRET: SECRET,
    NATS_URL: stack.urls.nats,
    MONGO_URL: stack.urls.mongo,
    MONGO_DB: 'scalemart_bench',
    SCALEMART_NAMESPACE: 'bench',
  };
  const instances = await Promise.all(
    Array.from({ length: n('instances') }, () => startInstance(env)),
  );
  children.push(...instances.map((instance) => instance.child));
  const tokens = createAccessTokens({
    secret: SECRET,
    issuer: 'scalemart',
    audience: 'scalemart',
    ttlSeconds: 3600,
  });
  const urlFor = (i: number) => instances[i % instances.length]!.url;

  const stockLatency: number[] = [];
  const orderLatency: number[] = [];
  const finalVersion = Math.ceil(n('stock-notices') / products.length);
  let watchersDone = 0;
  for (let i = 0; i < n('watchers'); i++) {
    const socket = await connect(urlFor(i));
    const versions = new Map<string, number>();
    socket.on('stock', (push: { productId: string; stockVersion: number; eventAt: string }) => {
      stockLatency.push(Date.now() - Date.parse(push.eventAt));
      versions.set(push.productId, push.stockVersion);
      if (
        push.stockVersion === finalVersion &&
        [...versions.values()].filter((v) => v === finalVersion).length === products.length
      )
        watchersDone++;
    });
    await socket.emitWithAck('watch', {});
    sockets.push(socket);
  }
  let orderPushes = 0;
  const receivedAt = new Map<string, string>(); // orderId -> newest eventAt pushed
  for (const [i, userId] of users.entries()) {
    const socket = await connect(urlFor(i), tokens.sign({ sub: userId, role: 'shopper' }).token);
    socket.on('order', (push: { order: { orderId: string }; eventAt: string }) => {
      orderLatency.push(Date.now() - Date.parse(push.eventAt));
      orderPushes++;
      if ((receivedAt.get(push.order.orderId) ?? '') < push.eventAt)
        receivedAt.set(push.order.orderId, push.eventAt);
    });
    sockets.push(socket);
  }

  // The burst: every product's versions 1..finalVersion interleaved with the order notices.
  const notices: ChangeNotice[] = [];
  for (let version = 1; version <= finalVersion; version++) {
    for (const productId of products) {
      notices.push({
        kind: 'product',
        productId,
        available: 1_000_000 - version,
        pending: 0,
        sold: version,
        stockVersion: version,
        eventAt: '',
      });
    }
  }
  const orderNotices: ChangeNotice[] = orders.flatMap((o) =>
    (['pending', 'confirmed'] as const).map((status) => ({
      kind: 'order' as const,
      orderId: o._id,
      userId: o.userId,
      productId: 'p0',
      status,
      eventAt: '',
    })),
  );
  // A plain NATS subscriber beside the sockets: how much of the latency is the transport alone.
  const natsLatency: number[] = [];
  nc.subscribe(shopNaming('bench').allNotices, {
    callback: (_error, msg) => {
      natsLatency.push(Date.now() - Date.parse(msg.json<{ eventAt: string }>().eventAt));
    },
  });
  await nc.flush();
  // Published from a worker thread: this thread's event loop only receives, so a busy receiver
  // never slows the burst down and a busy publisher never delays a receipt timestamp.
  const started = Date.now();
  const result = await new Promise<{
    published: number;
    publishMs: number;
    lastAt: [string, string][];
  }>((resolve, reject) => {
    const worker = new Worker(new URL('./publishBurst.js', import.meta.url), {
      workerData: {
        natsUrl: stack.urls.nats,
        namespace: 'bench',
        notices,
        orderNotices,
        rate: n('rate'),
      },
    });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const published = result.published;
  const burstMs = result.publishMs;
  const publishedAt = new Map(result.lastAt);
  const expectedOrderPushes = orders.length * 2;
  // Done when every order's newest notice has reached its owner (two notices may share one push).
  const ordersDone = () =>
    [...publishedAt].every(([orderId, at]) => (receivedAt.get(orderId) ?? '') >= at);
  await waitFor(() => watchersDone === n('watchers') && ordersDone(), {
    timeoutMs: 60_000,
    what: 'every client to reach the final values',
  }).catch((error: unknown) => {
    throw new Error(
      `${String(error)}: ${watchersDone}/${n('watchers')} watchers final, ${receivedAt.size}/${orders.length} orders pushed`,
    );
  });
  console.log(
    JSON.stringify(
      {
        setup: {
          rate: n('rate'),
          instances: instances.length,
          watchers: n('watchers'),
          users: users.length,
          products: products.length,
        },
        burst: {
          notices: published,
          stockNotices: notices.length,
          orderNotices: expectedOrderPushes,
          orderPushes,
          publishMs: burstMs,
          drainedMs: Date.now() - started,
        },
        natsReceiptLatencyMs: percentiles(natsLatency),
        stockPushLatencyMs: percentiles(stockLatency),
        orderPushLatencyMs: percentiles(orderLatency),
        serverEmitLatency: {
          stock: await serverSide(
            instances.map((i) => i.url),
            'stock',
          ),
          order: await serverSide(
            instances.map((i) => i.url),
            'order',
          ),
        },
        stockPushesPerWatcherPerProduct: stockLatency.length / n('watchers') / products.length,
      },
      null,
      2,
    ),
  );
} finally {
  for (const socket of sockets) socket.close();
  for (const child of children) child.kill('SIGTERM');
  await nc.close();
  await mongo.client.close();
  await stack.stop();
}
