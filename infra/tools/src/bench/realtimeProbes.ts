import type { NatsConnection, Subscription } from '@nats-io/nats-core';
import {
  SOCKET_EVENTS,
  type OrderChanged,
  type OrderPush,
  type ShopNaming,
} from '@scalemart/contracts';
import { io, type Socket } from 'socket.io-client';
import { LatencyHistogram } from './latencyHistogram.js';

/** The bench's clock as wall-clock ms since the epoch (the one the other processes stamp with). */
const wallNow = () => performance.timeOrigin + performance.now();

/**
 * Projection lag: every change notice carries `eventAt` (when its event occurred); the time it
 * reaches us is when the read model was written and the notice published.
 */
export class ProjectionLagProbe {
  readonly lag = new LatencyHistogram();
  /** orderId -> when its first `confirmed` notice arrived (a winner's hop: projected). */
  readonly confirmedNoticeAt = new Map<string, number>();
  notices = 0;
  #sub: Subscription | undefined;

  start(nc: NatsConnection, naming: ShopNaming): void {
    this.#sub = nc.subscribe(naming.allNotices, {
      callback: (_error, message) => {
        try {
          const notice = message.json<Partial<OrderChanged>>();
          if (!notice.eventAt) return;
          const now = wallNow();
          this.notices += 1;
          this.lag.recordMs(Math.max(0, now - Date.parse(notice.eventAt)));
          if (notice.kind === 'order' && notice.status === 'confirmed' && notice.orderId)
            if (!this.confirmedNoticeAt.has(notice.orderId))
              this.confirmedNoticeAt.set(notice.orderId, now);
        } catch {
          /* not JSON: not a notice we can time */
        }
      },
    });
  }

  stop(): void {
    this.#sub?.unsubscribe();
  }
}

/**
 * End to end: a sample of shoppers hold a Socket.IO connection to query-api with their token;
 * the time from their 202 to the `order` push saying confirmed is what a shopper waits for.
 */
export class EndToEndProbe {
  readonly endToEnd = new LatencyHistogram();
  readonly #sockets: Socket[] = [];
  readonly #acceptedAt = new Map<string, number>();
  readonly #finalAt = new Map<string, number>();
  /** orderId -> wall-clock ms of its first confirmed push (a winner's last hop). */
  readonly confirmedPushAt = new Map<string, number>();
  connected = 0;
  pushes = 0;

  async connect(url: string, tokens: string[], timeoutMs = 15_000): Promise<void> {
    await Promise.all(tokens.map((token) => this.#open(url, { token }, timeoutMs)));
  }

  /** Anonymous sockets watching a product (the crowd that only looks), for mixed load. */
  async watch(url: string, productId: string, count: number, timeoutMs = 15_000): Promise<void> {
    await Promise.all(
      Array.from({ length: count }, async () => {
        const socket = await this.#open(url, {}, timeoutMs);
        socket?.on(SOCKET_EVENTS.stock, () => {
          this.pushes += 1;
        });
        socket?.emit(SOCKET_EVENTS.watch, { productId });
      }),
    );
  }

  async #open(
    url: string,
    auth: Record<string, string>,
    timeoutMs: number,
  ): Promise<Socket | undefined> {
    const socket = io(url, {
      auth,
      transports: ['websocket'],
      reconnection: true,
      timeout: timeoutMs,
    });
    this.#sockets.push(socket);
    socket.on(SOCKET_EVENTS.order, (push: OrderPush) => this.#onOrder(push));
    const ok = await new Promise<boolean>((resolve) => {
      socket.once('connect', () => resolve(true));
      socket.once('connect_error', () => resolve(false));
      setTimeout(() => resolve(false), timeoutMs).unref();
    });
    if (ok) this.connected += 1;
    return ok ? socket : undefined;
  }

  #onOrder(push: OrderPush): void {
    this.pushes += 1;
    if (push.order.status !== 'confirmed') return;
    const now = performance.now();
    if (!this.confirmedPushAt.has(push.order.orderId))
      this.confirmedPushAt.set(push.order.orderId, performance.timeOrigin + now);
    const acceptedAt = this.#acceptedAt.get(push.order.orderId);
    if (acceptedAt === undefined) this.#finalAt.set(push.order.orderId, now);
    else this.#record(push.order.orderId, now - acceptedAt);
  }

  /** Called with every 202; the push may (rarely) arrive before the response is parsed. */
  accepted(orderId: string, at: number): void {
    const pushedAt = this.#finalAt.get(orderId);
    if (pushedAt !== undefined) this.#record(orderId, Math.max(0, pushedAt - at));
    else this.#acceptedAt.set(orderId, at);
  }

  #record(orderId: string, ms: number): void {
    this.#acceptedAt.delete(orderId);
    this.#finalAt.delete(orderId);
    this.endToEnd.recordMs(ms);
  }

  close(): void {
    for (const socket of this.#sockets) socket.close();
  }
}
