import { SOCKET_EVENTS } from '@scalemart/contracts';
import WebSocket from 'ws';

export interface ScreenCallbacks {
  /** A stock push: its version, event time and stock. */
  onStock: (push: { stockVersion: number; eventAt: string; available: number }) => void;
  /** The snapshot a (re)connect brings: the stock version it shows of the watched product. */
  onSnapshot: (stockVersion: number) => void;
  onConnect: () => void;
  onDisconnect: () => void;
}

const STOCK_PREFIX = `42["${SOCKET_EVENTS.stock}",`;
const SNAPSHOT_PREFIX = `42["${SOCKET_EVENTS.products}",`;

/**
 * One screen speaking the Socket.IO protocol (Engine.IO 4 over a websocket, Socket.IO 5 packets)
 * with `ws` directly: the same frames the web app's client exchanges (open, connect to `/`,
 * `watch`, pings answered, events), without the client library's per-message work, so 20,000 of
 * them on the same two cores as the system measure the system rather than themselves.
 * Reconnects after a drop, like the web app.
 */
export class ProtocolScreen {
  #socket: WebSocket | undefined;
  #closed = false;
  connected = false;
  /** Sessions this screen opened (1 unless it reconnected). */
  sessions = 0;

  constructor(
    private readonly options: {
      /** ws://host:port/socket.io/?EIO=4&transport=websocket */
      url: string;
      productId: string;
      localAddress: string;
      timeoutMs: number;
    },
    private readonly callbacks: ScreenCallbacks,
  ) {}

  /** Resolves true once the Socket.IO session is connected, false on failure or timeout. */
  open(): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), this.options.timeoutMs);
      this.#connect((ok) => {
        clearTimeout(timer);
        resolve(ok);
      });
    });
  }

  #connect(settled: (ok: boolean) => void): void {
    const socket = new WebSocket(this.options.url, {
      localAddress: this.options.localAddress,
      perMessageDeflate: false,
      handshakeTimeout: this.options.timeoutMs,
    });
    this.#socket = socket;
    // Text frames arrive as one Buffer (no fragmentation for these small packets).
    socket.on('message', (data) => this.#onFrame(socket, (data as Buffer).toString(), settled));
    socket.on('error', () => settled(false));
    socket.on('close', () => {
      settled(false);
      if (this.connected) this.callbacks.onDisconnect();
      this.connected = false;
      if (!this.#closed) setTimeout(() => this.#connect(() => undefined), 1_000).unref();
    });
  }

  #onFrame(socket: WebSocket, frame: string, settled: (ok: boolean) => void): void {
    if (frame.startsWith(STOCK_PREFIX)) {
      const [, push] = JSON.parse(frame.slice(2)) as [
        string,
        { stockVersion: number; eventAt: string; available: number },
      ];
      return this.callbacks.onStock(push);
    }
    if (frame.startsWith(SNAPSHOT_PREFIX)) return this.#onSnapshot(frame);
    if (frame === '2') return socket.send('3'); // ping -> pong
    if (frame.startsWith('0')) return socket.send('40'); // open -> connect to `/`, no token
    if (frame.startsWith('40')) {
      socket.send(
        `42${JSON.stringify([SOCKET_EVENTS.watch, { productId: this.options.productId }])}`,
      );
      this.connected = true;
      this.sessions += 1;
      this.callbacks.onConnect();
      return settled(true);
    }
    if (frame.startsWith('44')) socket.close(); // connect refused
  }

  /** A screen that connects after a change shows it from the snapshot, as the web app does. */
  #onSnapshot(frame: string): void {
    const [, snapshot] = JSON.parse(frame.slice(2)) as [
      string,
      { products: { productId: string; stockVersion: number }[] },
    ];
    const product = snapshot.products.find((p) => p.productId === this.options.productId);
    if (product) this.callbacks.onSnapshot(product.stockVersion);
  }

  close(): void {
    this.#closed = true;
    this.#socket?.close();
  }
}
