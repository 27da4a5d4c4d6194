import { io, type Socket } from 'socket.io-client';
import { SOCKET_EVENTS } from '@scalemart/contracts';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

export interface LiveSocketOptions {
  /** Read at every (re)connect, so a login or logout takes effect on the next handshake. */
  token: () => string | null;
  onStatus: (status: LiveStatus) => void;
  /**
   * Called on the first connect and on every reconnect: pushes missed during a gap are gone, so
   * listeners reload a fresh snapshot over REST rather than trust what they held.
   */
  onConnected: () => void;
  /** The server refused the token (expired, or signed with another key): the session is over. */
  onUnauthorized?: () => void;
  /** Same origin by default (the gateway or Vite's proxy); tests pass a URL. */
  url?: string;
}

/** One Socket.IO connection for the whole app, carrying the token and watching every product. */
export function connectLive(options: LiveSocketOptions): Socket {
  const socket: Socket = io(options.url ?? '/', {
    path: '/socket.io',
    // WebSocket only: several query-api instances behind a load balancer need no sticky sessions,
    // which Socket.IO's long-polling handshake would.
    transports: ['websocket'],
    auth: (send) => {
      const token = options.token();
      send(token ? { token } : {});
    },
    reconnectionDelay: 500,
    reconnectionDelayMax: 5_000,
  });
  options.onStatus('connecting');
  socket.on('connect', () => {
    socket.emit(SOCKET_EVENTS.watch, {});
    options.onStatus('live');
    options.onConnected();
  });
  socket.on('disconnect', (reason) => {
    // A server-side disconnect does not auto-reconnect in Socket.IO: ask for it explicitly.
    if (reason === 'io server disconnect') socket.connect();
    options.onStatus('reconnecting');
  });
  socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
    // A refused handshake is not retried by Socket.IO (socket.active is false): end the session.
    if (error.data?.code === 'unauthorized') return options.onUnauthorized?.();
    options.onStatus(socket.active ? 'reconnecting' : 'connecting');
  });
  return socket;
}
