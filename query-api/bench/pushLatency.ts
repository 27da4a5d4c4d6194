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
import { shopNaming, type ChangeNotice } from '@scalemart/contracts';
import { startStack } from '@scalemart/infra';
import { connectMongo, connectNats, createAccessTokens } from '@scalemart/infra/service';
import { waitFor } from '@scalemart/infra/testkit';
import { io, type Socket } from 'socket.io-client';

const DEFAULTS = {
  products: '100', // products, each watched by every watcher
  'stock-notices': '10000', // product notices in the burst
  users: '50', // users with a socket each
  'order-notices': '2000', // order notices in the burst (pending then confirmed)
  watchers: '100', // anonymous sockets watching every product
  instances: '2', // query-api processes
};
const { values: opts } = parseArgs({
  options: Object.fromEntries(Object.entries(DEFAULTS).map(([key, value]) => [key, { type: 'string', default: value }])),
}) as { values: Record<string, string> };
const n = (key: string) => Number.parseInt(opts[key]!, 10);
const SECRET = 'bench-secret-0123456789abcdef0123456789';
const MAIN = fileURLToPath(new URL('../main.js', import.meta.url));

function startInstance(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [...(process.env.BENCH_CHILD_ARGS?.split(' ').filter(Boolean) ?? []), MAIN], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = /"port":(\d+)[^\n]*query-api listening/.exec(buffer);
      if (match) resolve({ child, url: `http://127.0.0.1:${match[1]}` });
    });
    child.once('exit', (code) => reject(new Error(`query-api exited with ${code}`)));
  });
}

function connect(url: string, token?: string): Promise<Socket> {
  const socket = io(url, { transports: ['websocket'], auth: token ? { token } : {}, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** p50/p99 upper bounds (ms) from the instances' push-latency histograms: server-side emit latency. */
async function serverSide(urls: string[], event: string) {
  const counts = new Map<number, number>();
  for (const url of urls) {
    const text = await (await fetch(`${url}/metrics`)).text();
    const re = new RegExp(`scalemart_query_push_latency_seconds_bucket\\{le="([^"]+)",event="${event}"\\} (\\d+)`, 'g');
    for (const [, le, count] of text.matchAll(re)) {
      const bound = le === '+Inf' ? Infinity : Number(le) * 1000;
      counts.set(bound, (counts.get(bound) ?? 0) + Number(count));
    }
  }
  const bounds = [...counts.keys()].sort((a, b) => a - b);
  const total = counts.get(Infinity) ?? 0;
  const bound = (p: number) => bounds.find((b) => (counts.get(b) ?? 0) >= total * p) ?? Infinity;
  return { emits: total, p50AtMostMs: bound(0.5), p99AtMostMs: bound(0.99) };
}

function percentiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  return { count: sorted.length, p50: at(50), p90: at(90), p99: at(99), max: sorted.at(-1) ?? NaN };
}

const stack = await startStack({ kind: 'local' });
const naming = shopNaming('bench');
const mongo = await connectMongo(stack.urls.mongo, 'scalemart_bench');
const nc = await connectNats(stack.urls.nats, 'push-bench');
const children: ChildProcess[] = [];
const sockets: Socket[] = [];
try {
  const products = Array.from({ length: n('products') }, (_, i) => `p${i}`);
  const users = Array.from({ length: n('users') }, (_, i) => `u${i}`);
  const now = new Date().toISOString();
  await mongo.db.collection('products').insertMany(products.map((productId) => ({
    _id: productId, productId, name: productId, description: '', priceCents: 100, currency: 'EUR', sale: null,
    initialStock: 1_000_000, restocked: 0, available: 1_000_000, pending: 0, sold: 0, lowStock: false,
    soldOutAt: null, stockVersion: 0, updatedAt: now,
  })) as never[]);
  const ordersPerUser = Math.floor(n('order-notices') / Math.max(1, users.length) / 2);
  const orders = users.flatMap((userId) => Array.from({ length: ordersPerUser }, () => ({
    _id: randomUUID(), userId, productId: 'p0', quantity: 1, unitPriceCents: 100, totalCents: 100, currency: 'EUR',
    status: 'confirmed', history: [], placedAt: now, updatedAt: now,
  })));
  if (orders.length > 0) await mongo.db.collection('orders').insertMany(orders.map((o) => ({ ...o, orderId: o._id })) as never[]);

  const env = {
    NODE_ENV: 'test', LOG_LEVEL: 'info', PORT: '0', HOST: '127.0.0.1', JWT_SECRET: SECRET,
    NATS_URL: stack.urls.nats, MONGO_URL: stack.urls.mongo, MONGO_DB: 'scalemart_bench', SCALEMART_NAMESPACE: 'bench',
  };
  const instances = await Promise.all(Array.from({ length: n('instances') }, () => startInstance(env)));
  children.push(...instances.map((instance) => instance.child));
  const tokens = createAccessTokens({ secret: SECRET, issuer: 'scalemart', audience: 'scalemart', ttlSeconds: 3600 });
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
      if (push.stockVersion === finalVersion && [...versions.values()].filter((v) => v === finalVersion).length === products.length) watchersDone++;
    });
    await socket.emitWithAck('watch', {});
    sockets.push(socket);
  }
  let orderPushes = 0;
  const receivedAt = new Map<string, string>(); // orderId -> newest eventAt pushed
  const publishedAt = new Map<string, string>(); // orderId -> eventAt of its last notice
  for (const [i, userId] of users.entries()) {
    const socket = await connect(urlFor(i), tokens.sign({ sub: userId, role: 'shopper' }).token);
    socket.on('order', (push: { order: { orderId: string }; eventAt: string }) => {
      orderLatency.push(Date.now() - Date.parse(push.eventAt));
      orderPushes++;
      if ((receivedAt.get(push.order.orderId) ?? '') < push.eventAt) receivedAt.set(push.order.orderId, push.eventAt);
    });
    sockets.push(socket);
  }

  // The burst: every product's versions 1..finalVersion interleaved with the order notices.
  const notices: ChangeNotice[] = [];
  for (let version = 1; version <= finalVersion; version++) {
    for (const productId of products) {
      notices.push({ kind: 'product', productId, available: 1_000_000 - version, pending: 0, sold: version, stockVersion: version, eventAt: '' });
    }
  }
  const orderNotices: ChangeNotice[] = orders.flatMap((o) => (['pending', 'confirmed'] as const).map((status) => ({
    kind: 'order' as const, orderId: o._id, userId: o.userId, productId: 'p0', status, eventAt: '',
  })));
  const every = Math.max(1, Math.floor(notices.length / orderNotices.length));
  const started = Date.now();
  let published = 0;
  for (let i = 0; i < notices.length; i++) {
    const batch = i % every === 0 && orderNotices.length ? [notices[i]!, orderNotices.shift()!] : [notices[i]!];
    for (const notice of batch) {
      notice.eventAt = new Date().toISOString();
      if (notice.kind === 'order') publishedAt.set(notice.orderId, notice.eventAt);
      const id = notice.kind === 'product' ? notice.productId : notice.kind === 'order' ? notice.userId : undefined;
      nc.publish(naming.notice(notice.kind, id), JSON.stringify(notice));
      published++;
    }
    if (i % 500 === 499) await nc.flush();
  }
  await nc.flush();
  const burstMs = Date.now() - started;
  const expectedOrderPushes = orders.length * 2;
  // Done when every order's newest notice has reached its owner (two notices may share one push).
  const ordersDone = () => [...publishedAt].every(([orderId, at]) => (receivedAt.get(orderId) ?? '') >= at);
  await waitFor(() => watchersDone === n('watchers') && ordersDone(), {
    timeoutMs: 60_000, what: 'every client to reach the final values',
  }).catch((error: unknown) => {
    throw new Error(`${String(error)}: ${watchersDone}/${n('watchers')} watchers final, ${receivedAt.size}/${orders.length} orders pushed`);
  });
  console.log(JSON.stringify({
    setup: { instances: instances.length, watchers: n('watchers'), users: users.length, products: products.length },
    burst: { notices: published, stockNotices: notices.length, orderNotices: expectedOrderPushes, orderPushes, publishMs: burstMs, drainedMs: Date.now() - started },
    stockPushLatencyMs: percentiles(stockLatency),
    orderPushLatencyMs: percentiles(orderLatency),
    serverEmitLatency: {
      stock: await serverSide(instances.map((i) => i.url), 'stock'),
      order: await serverSide(instances.map((i) => i.url), 'order'),
    },
    stockPushesPerWatcherPerProduct: stockLatency.length / n('watchers') / products.length,
  }, null, 2));
} finally {
  for (const socket of sockets) socket.close();
  for (const child of children) child.kill('SIGTERM');
  await nc.close();
  await mongo.client.close();
  await stack.stop();
}
