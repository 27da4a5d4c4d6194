import type { Server as HttpServer } from 'node:http';
import { rooms, SOCKET_EVENTS, WatchRequest, type ProductsSnapshot } from '@scalemart/contracts';
import type { AccessTokens } from '@scalemart/runtime/service';
import type { Logger } from 'pino';
import { Server, type Socket } from 'socket.io';
import type { Audience } from './audience.js';
import { socketAuth, type SocketData } from './socketAuth.js';

export interface SocketServerOptions {
  tokens: AccessTokens;
  corsOrigins: string[];
  recoveryWindowMs: number;
  logger: Logger;
}

type Ack = (
  reply: { ok: true; room: string } | { ok: false; code: 'invalid_request'; message: string },
) => void;

/** The Socket.IO server on the REST server's port, with the handshake check and recovery on. */
export function createSocketServer(httpServer: HttpServer, options: SocketServerOptions): Server {
  const io = new Server(httpServer, {
    cors: { origin: options.corsOrigins, credentials: true },
    // A short drop (mobile handover, LB restart) gets every missed room broadcast replayed.
    connectionStateRecovery: {
      maxDisconnectionDuration: options.recoveryWindowMs,
      skipMiddlewares: false,
    },
    maxHttpBufferSize: 16 * 1024,
  });
  io.use(socketAuth(options.tokens));
  return io;
}

/** Product rooms are the only rooms a client can ask for; user and admin rooms come from the token. */
function watchRoom(payload: unknown): { room: string } | { error: string } {
  const parsed = WatchRequest.safeParse(payload ?? {});
  if (!parsed.success)
    return { error: parsed.error.issues.map((issue) => issue.message).join('; ') };
  return { room: parsed.data.productId ? rooms.product(parsed.data.productId) : rooms.allProducts };
}

function onWatch(socket: Socket, join: boolean) {
  return (payload: unknown, ack?: unknown) => {
    const target = watchRoom(payload);
    const reply = typeof ack === 'function' ? (ack as Ack) : () => undefined;
    if ('error' in target)
      return reply({ ok: false, code: 'invalid_request', message: target.error });
    if (join) void socket.join(target.room);
    else void socket.leave(target.room);
    reply({ ok: true, room: target.room });
  };
}

export interface ConnectionDeps {
  audience: Audience;
  snapshot: () => Promise<ProductsSnapshot>;
  logger: Logger;
}

/** setTimeout's limit (about 24.8 days); a later expiry is checked again at the reconnect. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A socket lives no longer than its token: at expiry the server closes it, the client's reconnect
 * presents the same token, and the handshake refuses it with `reason: 'expired'` (the web client
 * then ends the session). Without this, a socket kept receiving the user's pushes after logout
 * by expiry for as long as the connection held.
 */
function closeAtExpiry(socket: Socket): void {
  const { expiresAt } = socket.data as SocketData;
  if (expiresAt === undefined) return;
  const timer = setTimeout(
    () => socket.disconnect(true),
    Math.min(Math.max(0, expiresAt - Date.now()), MAX_TIMER_MS),
  );
  socket.once('disconnect', () => clearTimeout(timer));
}

const USER_ROOM_PREFIX = rooms.user('');

/**
 * The user and admin rooms follow this handshake's claims: a recovered session comes back in the
 * rooms it had, and a reconnect with no token, or another user's, must not stay in them (issue 25).
 */
function followClaims(socket: Socket, claims: SocketData['claims']): void {
  const granted = new Set<string>();
  if (claims) granted.add(rooms.user(claims.sub));
  if (claims?.role === 'admin') granted.add(rooms.admin);
  for (const room of socket.rooms) {
    const claimed = room === rooms.admin || room.startsWith(USER_ROOM_PREFIX);
    if (claimed && !granted.has(room)) void socket.leave(room);
  }
  for (const room of granted) void socket.join(room);
}

/** Joins the token's rooms, sends a snapshot unless the session was recovered, handles watch/unwatch. */
export function handleConnections(io: Server, deps: ConnectionDeps): void {
  io.on('connection', (socket) => {
    closeAtExpiry(socket);
    followClaims(socket, (socket.data as SocketData).claims);
    socket.on(SOCKET_EVENTS.watch, onWatch(socket, true));
    socket.on(SOCKET_EVENTS.unwatch, onWatch(socket, false));
    socket.on('disconnecting', () => deps.audience.left(socket.rooms));
    // A recovered socket got its missed broadcasts replayed and keeps its rooms: no snapshot needed.
    if (socket.recovered) return;
    deps.snapshot().then(
      (snapshot) => socket.emit(SOCKET_EVENTS.products, snapshot),
      (error: unknown) => deps.logger.error({ err: error }, 'products snapshot failed'),
    );
  });
}
