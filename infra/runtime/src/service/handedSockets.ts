import type { Server as HttpServer } from 'node:http';
import type { Socket } from 'node:net';

/** The IPC message that carries a client's connection from the gateway to a service. */
export const HANDED_SOCKET = 'scalemart:handed-socket';

export interface HandedSocketMessage {
  type: typeof HANDED_SOCKET;
  /** The bytes the gateway already read: the request line, headers and any body head (base64). */
  request: string;
}

export const isHandedSocket = (message: unknown): message is HandedSocketMessage =>
  typeof message === 'object' &&
  message !== null &&
  (message as { type?: unknown }).type === HANDED_SOCKET &&
  typeof (message as { request?: unknown }).request === 'string';

/**
 * Serves connections the gateway (this process's parent) hands over with their file descriptor:
 * the bytes it already read are replayed into the HTTP server, so the upgrade runs exactly as if
 * the client had connected here. A websocket then costs the gateway nothing after its handshake:
 * no second descriptor, no relayed frame. Returns a function that stops accepting.
 */
export function acceptHandedSockets(server: HttpServer): () => void {
  if (!process.send) return () => {};
  const onMessage = (message: unknown, handle: unknown) => {
    if (!isHandedSocket(message) || !handle) return;
    const socket = handle as Socket;
    server.emit('connection', socket);
    socket.emit('data', Buffer.from(message.request, 'base64'));
    socket.resume();
  };
  process.on('message', onMessage);
  // The channel must not keep the process alive on its own: shutdown still ends it.
  process.channel?.unref();
  return () => void process.off('message', onMessage);
}
