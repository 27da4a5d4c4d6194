// Test helpers (excluded from the build): real instances on a test namespace, seeds, sockets.
import type { ChangeNotice, DeadLetter, OrderView, ProductView, Role } from '@scalemart/contracts';
import {
  createAccessTokens,
  connectMongo,
  connectNats,
  mintJwtSecret,
} from '@scalemart/runtime/service';
import type { TestNamespace } from '@scalemart/testkit';
import { randomUUID } from 'node:crypto';
import { io as connectClient, type Socket } from 'socket.io-client';
import request from 'supertest';
import { loadConfig, type QueryApiConfig } from '../config.js';
import { startQueryApi } from '../startQueryApi.js';
import { readModels, type SalesDoc } from '../readModels/readModels.js';

/** Minted per test file: no secret from the repository signs a test's tokens (issue 25). */
export const JWT_SECRET = mintJwtSecret();
export const tokens = createAccessTokens({
  secret: JWT_SECRET,
  issuer: 'scalemart',
  audience: 'scalemart',
  ttlSeconds: 600,
});
export const tokenFor = (sub: string, role: Role = 'shopper') => tokens.sign({ sub, role }).token;

export function testConfig(ns: TestNamespace, env: Record<string, string> = {}): QueryApiConfig {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    ...ns.env,
    // After the namespace's own secret: this file's tokens (tokenFor) are signed with it.
    JWT_SECRET,
    CORS_ORIGINS: 'http://allowed.test',
    ...env,
  });
}

export const startInstance = (ns: TestNamespace, env?: Record<string, string>) =>
  startQueryApi(testConfig(ns, env));

/** Direct handles on the namespace's Mongo database and NATS, to seed and to publish notices. */
export async function backdoor(ns: TestNamespace) {
  const mongo = await connectMongo(ns.stack.urls.mongo, ns.mongoDbName);
  const nc = await connectNats(ns.stack.urls.nats, 'query-api-test');
  const models = readModels(mongo.db);
  return {
    models,
    async notify(notice: ChangeNotice) {
      nc.publish(ns.naming.subjectOfNotice(notice), JSON.stringify(notice));
      await nc.flush();
    },
    publishRaw: (notice: ChangeNotice) =>
      nc.publish(ns.naming.notice(notice.kind), JSON.stringify(notice)),
    flush: () => nc.flush(),
    async close() {
      await nc.close();
      await mongo.client.close();
    },
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

export function product(
  productId: string,
  over: Partial<ProductView> = {},
): ProductView & { _id: string; _version: number } {
  return {
    _id: productId,
    _version: 7,
    productId,
    name: `Product ${productId}`,
    description: 'A thing',
    priceCents: 2000,
    currency: 'EUR',
    sale: {
      startsAt: iso(Date.now() - 60_000),
      endsAt: iso(Date.now() + 3_600_000),
      perUserLimit: 2,
      salePriceCents: 1000,
      endedAt: null,
    },
    initialStock: 100,
    restocked: 0,
    available: 100,
    pending: 0,
    sold: 0,
    lowStock: false,
    soldOutAt: null,
    stockVersion: 0,
    updatedAt: iso(Date.now()),
    ...over,
  };
}

export function order(
  userId: string,
  placedAtMs: number,
  over: Partial<OrderView> = {},
): OrderView & { _id: string; _seq: number } {
  const orderId = over.orderId ?? randomUUID();
  const placedAt = iso(placedAtMs);
  return {
    _id: orderId,
    _seq: 1,
    orderId,
    userId,
    productId: 'p1',
    quantity: 1,
    unitPriceCents: 1000,
    totalCents: 1000,
    currency: 'EUR',
    status: 'pending',
    history: [{ status: 'pending', at: placedAt }],
    placedAt,
    updatedAt: placedAt,
    ...over,
  };
}

export function deadLetter(id: string, atMs: number): DeadLetter & { _id: string } {
  return {
    _id: id,
    id,
    consumer: 'products-projection',
    streamSequence: 3,
    subject: 'x.shop.order.placed.1',
    reason: 'bad payload',
    payload: '{}',
    deliveries: 1,
    at: iso(atMs),
  };
}

export function salesBucket(
  productId: string | null,
  minuteMs: number,
  orders: number,
): SalesDoc & { _id: string } {
  const minute = iso(Math.floor(minuteMs / 60_000) * 60_000);
  return {
    _id: `${productId ?? '*'}|${minute}`,
    productId,
    minute,
    orders,
    units: orders,
    revenueCents: orders * 1000,
  };
}

export function stockNotice(
  productId: string,
  stockVersion: number,
  available: number,
): ChangeNotice {
  return {
    kind: 'product',
    productId,
    available,
    pending: 0,
    sold: 100 - available,
    stockVersion,
    eventAt: iso(Date.now()),
  };
}

/** A connected client (websocket only, as behind a load balancer without sticky sessions). */
export function connectSocket(
  url: string,
  token?: string,
  before?: (socket: Socket) => void,
): Promise<Socket> {
  const socket = connectClient(url, {
    transports: ['websocket'],
    auth: token ? { token } : {},
    reconnectionDelay: 100,
    reconnectionDelayMax: 200,
    forceNew: true,
    autoConnect: false,
  });
  before?.(socket); // listeners first: the snapshot can arrive in the same packet as the connect
  socket.connect();
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** Records every payload of one event. */
export function record<T>(socket: Socket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (payload: T) => seen.push(payload));
  return seen;
}

export function watch(
  socket: Socket,
  payload: unknown,
): Promise<{ ok: boolean; room?: string; code?: string }> {
  return socket.timeout(2000).emitWithAck('watch', payload);
}

/** GET on an instance, with `Authorization: Bearer <token>` when a token is given. */
export function getAs(url: string, path: string, token?: string) {
  const req = request(url).get(path);
  return token ? req.set('Authorization', `Bearer ${token}`) : req;
}
