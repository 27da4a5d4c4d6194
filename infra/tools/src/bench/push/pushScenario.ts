import { Worker } from 'node:worker_threads';
import { shopNaming, type ChangeNotice } from '@scalemart/contracts';
import {
  connectMongo,
  connectNats,
  createAccessTokens,
  mintJwtSecret,
} from '@scalemart/runtime/service';
import { startStack, waitFor } from '@scalemart/testkit';
import { ServiceProcess } from '../../system/serviceProcess.js';
import { builtEntry } from '../../system/services.js';
import { connectClients, type PushClients } from './pushClients.js';
import { burstNotices, seedReadModels } from './pushSeed.js';
import { percentiles, serverSide } from './pushStats.js';

export interface PushOptions {
  /** Products, each watched by every watcher. */
  products: number;
  /** Product notices in the burst. */
  stockNotices: number;
  /** Users with a socket each. */
  users: number;
  /** Order notices in the burst (pending then confirmed). */
  orderNotices: number;
  /** Anonymous sockets watching every product. */
  watchers: number;
  /** query-api processes. */
  instances: number;
  /** Notices per second; 0 publishes as fast as one publisher can. */
  rate: number;
  cpuProfDir?: string;
  onPhase?: (phase: string) => void;
}

const NAMESPACE = 'bench';

/** Publishes from a worker thread: this thread only receives, so neither side delays the other. */
function publishBurst(workerData: {
  natsUrl: string;
  notices: ChangeNotice[];
  orderNotices: ChangeNotice[];
  rate: number;
}) {
  return new Promise<{ published: number; publishMs: number; lastAt: [string, string][] }>(
    (resolve, reject) => {
      const worker = new Worker(new URL('./publishBurst.js', import.meta.url), {
        workerData: { ...workerData, namespace: NAMESPACE },
      });
      worker.once('message', resolve);
      worker.once('error', reject);
    },
  );
}

/**
 * `--scenario push`: push latency under a burst, notice `eventAt` -> client receipt. Starts its
 * own servers, seeds the read models, starts query-api instances, connects Socket.IO clients over
 * them, publishes the burst on core NATS and waits until every client has the final values.
 */
export async function runPushScenario(options: PushOptions) {
  const stack = await startStack({ kind: 'local' });
  const mongo = await connectMongo(stack.urls.mongo, 'scalemart_bench');
  const nc = await connectNats(stack.urls.nats, 'push-bench');
  // Minted per run: a secret written here would be one anyone can sign tokens with (issue 25).
  const secret = mintJwtSecret();
  const instances: ServiceProcess[] = [];
  let clients: PushClients | undefined;
  try {
    options.onPhase?.('seeding read models');
    const seed = await seedReadModels(mongo.db, options);
    const env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      JWT_SECRET: secret,
      NATS_URL: stack.urls.nats,
      MONGO_URL: stack.urls.mongo,
      MONGO_DB: 'scalemart_bench',
      SCALEMART_NAMESPACE: NAMESPACE,
    };
    for (let i = 1; i <= options.instances; i++)
      instances.push(
        new ServiceProcess({
          name: i === 1 ? 'query-api' : `query-api-${i}`,
          entry: builtEntry('query-api'),
          port: 0,
          env,
          ...(options.cpuProfDir ? { cpuProfDir: options.cpuProfDir } : {}),
        }),
      );
    await Promise.all(instances.map((instance) => instance.start()));
    const urls = instances.map((instance) => instance.url);
    options.onPhase?.('connecting clients');
    const finalVersion = Math.ceil(options.stockNotices / seed.products.length);
    const tokens = createAccessTokens({
      secret,
      issuer: 'scalemart',
      audience: 'scalemart',
      ttlSeconds: 3600,
    });
    clients = await connectClients({
      urls,
      watchers: options.watchers,
      users: seed.users,
      products: seed.products.length,
      finalVersion,
      tokens,
    });
    const { notices, orderNotices } = burstNotices(seed, finalVersion);
    const expectedOrderPushes = orderNotices.length;
    // A plain NATS subscriber beside the sockets: how much of the latency is the transport alone.
    const natsLatency: number[] = [];
    nc.subscribe(shopNaming(NAMESPACE).allNotices, {
      callback: (_error, msg) => {
        natsLatency.push(Date.now() - Date.parse(msg.json<{ eventAt: string }>().eventAt));
      },
    });
    await nc.flush();
    options.onPhase?.('publishing the burst');
    const started = Date.now();
    const burst = await publishBurst({
      natsUrl: stack.urls.nats,
      notices,
      orderNotices,
      rate: options.rate,
    });
    const seen = clients;
    const publishedAt = new Map(burst.lastAt);
    // Done when every order's newest notice has reached its owner (two notices may share one push).
    const ordersDone = () =>
      [...publishedAt].every(([orderId, at]) => (seen.receivedAt.get(orderId) ?? '') >= at);
    await waitFor(() => seen.watchersDone() === options.watchers && ordersDone(), {
      timeoutMs: 60_000,
      what: 'every client to reach the final values',
    }).catch((error: unknown) => {
      throw new Error(
        `${String(error)}: ${seen.watchersDone()}/${options.watchers} watchers final, ${seen.receivedAt.size}/${seed.orders.length} orders pushed`,
      );
    });
    return {
      setup: {
        rate: options.rate,
        instances: instances.length,
        watchers: options.watchers,
        users: seed.users.length,
        products: seed.products.length,
      },
      burst: {
        notices: burst.published,
        stockNotices: notices.length,
        orderNotices: expectedOrderPushes,
        orderPushes: seen.orderPushes(),
        publishMs: burst.publishMs,
        drainedMs: Date.now() - started,
      },
      natsReceiptLatencyMs: percentiles(natsLatency),
      stockPushLatencyMs: percentiles(seen.stockLatency),
      orderPushLatencyMs: percentiles(seen.orderLatency),
      serverEmitLatency: {
        stock: await serverSide(urls, 'stock'),
        order: await serverSide(urls, 'order'),
      },
      stockPushesPerWatcherPerProduct:
        seen.stockLatency.length / options.watchers / seed.products.length,
    };
  } finally {
    for (const socket of clients?.sockets ?? []) socket.close();
    await Promise.all(instances.map((instance) => instance.kill('SIGTERM')));
    await nc.close();
    await mongo.client.close();
    await stack.stop();
  }
}

export type PushResult = Awaited<ReturnType<typeof runPushScenario>>;
