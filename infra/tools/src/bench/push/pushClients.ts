import type { AccessTokens } from '@scalemart/runtime/service';
import { io, type Socket } from 'socket.io-client';

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

/** What the sockets saw: receipt latencies, and how far each watcher and order got. */
export interface PushClients {
  sockets: Socket[];
  stockLatency: number[];
  orderLatency: number[];
  watchersDone: () => number;
  orderPushes: () => number;
  /** orderId -> newest eventAt pushed to its owner. */
  receivedAt: Map<string, string>;
}

/**
 * `watchers` anonymous sockets watching every product and one signed-in socket per user, spread
 * round-robin over `urls`. A watcher is done once it holds every product at `finalVersion`.
 */
export async function connectClients(options: {
  urls: string[];
  watchers: number;
  users: string[];
  products: number;
  finalVersion: number;
  tokens: AccessTokens;
}): Promise<PushClients> {
  const urlFor = (i: number) => options.urls[i % options.urls.length]!;
  const clients: PushClients = {
    sockets: [],
    stockLatency: [],
    orderLatency: [],
    watchersDone: () => watchersDone,
    orderPushes: () => orderPushes,
    receivedAt: new Map(),
  };
  let watchersDone = 0;
  let orderPushes = 0;
  for (let i = 0; i < options.watchers; i++) {
    const socket = await connect(urlFor(i));
    const versions = new Map<string, number>();
    socket.on('stock', (push: { productId: string; stockVersion: number; eventAt: string }) => {
      clients.stockLatency.push(Date.now() - Date.parse(push.eventAt));
      versions.set(push.productId, push.stockVersion);
      const final = [...versions.values()].filter((v) => v === options.finalVersion).length;
      if (push.stockVersion === options.finalVersion && final === options.products) watchersDone++;
    });
    await socket.emitWithAck('watch', {});
    clients.sockets.push(socket);
  }
  for (const [i, userId] of options.users.entries()) {
    const token = options.tokens.sign({ sub: userId, role: 'shopper' }).token;
    const socket = await connect(urlFor(i), token);
    socket.on('order', (push: { order: { orderId: string }; eventAt: string }) => {
      clients.orderLatency.push(Date.now() - Date.parse(push.eventAt));
      orderPushes++;
      if ((clients.receivedAt.get(push.order.orderId) ?? '') < push.eventAt)
        clients.receivedAt.set(push.order.orderId, push.eventAt);
    });
    clients.sockets.push(socket);
  }
  return clients;
}
