import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { createProxyServer } from 'http-proxy-3';
import { routeFor } from './routeFor.js';
import { socketHandoff, type SocketReceiver } from './socketHandoff.js';
import { staticFiles } from './staticFiles.js';

export interface GatewayOptions {
  /** 0 picks a free port (tests). */
  port: number;
  /** Default 127.0.0.1. */
  host?: string;
  commandApiUrl: string;
  queryApiUrl: string;
  /** The web app's built files (web/dist); without them only /api and the socket answer. */
  staticDir?: string;
  /**
   * query-api processes that take websockets over (their descriptor, no second hop); without
   * them, or when none can take one, the gateway proxies the websocket to `queryApiUrl`.
   */
  socketReceivers?: () => readonly SocketReceiver[];
}

export interface RunningGateway extends AsyncDisposable {
  port: number;
  url: string;
  close(): Promise<void>;
}

function badGateway(res: ServerResponse | Duplex, error: Error) {
  if (!('writeHead' in res)) return void res.destroy();
  if (res.headersSent) return void res.destroy();
  const body = {
    type: 'about:blank',
    title: 'Service unavailable',
    status: 503,
    code: 'unavailable',
    detail: error.message,
  };
  res.writeHead(503, { 'content-type': 'application/problem+json' }).end(JSON.stringify(body));
}

const noWebApp = (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('no web app here');
  return Promise.resolve();
};

/**
 * The one origin of `npm start`: the web app, /api and Socket.IO on one port, so the browser never
 * needs CORS. http-proxy-3 (the maintained TypeScript successor of http-proxy) streams bodies and
 * upgrades websockets; x-forwarded-* headers keep the client's address for rate limits.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const proxy = createProxyServer({ xfwd: true, proxyTimeout: 30_000 });
  proxy.on('error', (error, _req, res) => badGateway(res as ServerResponse | Duplex, error));
  const serveStatic = options.staticDir ? staticFiles(options.staticDir) : noWebApp;
  const target = (req: IncomingMessage) =>
    routeFor(req.method, req.url) === 'command' ? options.commandApiUrl : options.queryApiUrl;

  const server = createServer((req, res) => {
    if (routeFor(req.method, req.url) === 'static') {
      serveStatic(req, res).catch((error: Error) => badGateway(res, error));
      return;
    }
    proxy.web(req, res, { target: target(req) });
  });
  // Upgraded sockets leave the HTTP server's books: track them so close() ends them too.
  const upgraded = new Set<Duplex>();
  const handOff = socketHandoff(options.socketReceivers ?? (() => []));
  server.on('upgrade', (req, socket, head) => {
    if (routeFor(req.method, req.url) !== 'query') return void socket.destroy();
    if (handOff(req, socket, head)) return;
    upgraded.add(socket);
    socket.once('close', () => upgraded.delete(socket));
    proxy.ws(req, socket, head, { target: options.queryApiUrl });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // This machine only unless told: a demo left running must not be a shop anyone can reach.
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  // Handed-off sockets count as the receivers' (Node asks them at close): stopping the gateway
  // must not wait for services that are stopped after it.
  const close = () => {
    proxy.close();
    for (const socket of upgraded) socket.destroy();
    server.closeAllConnections();
    server.close();
    return Promise.resolve();
  };
  return { port, url: `http://localhost:${port}`, close, [Symbol.asyncDispose]: close };
}
