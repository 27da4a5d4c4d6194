import type { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { HANDED_SOCKET, type HandedSocketMessage } from '@scalemart/runtime/service';

/** A service process that takes over client connections (a query-api started with IPC). */
export interface SocketReceiver {
  /** false when it cannot take one now (not running, channel closed): the gateway proxies then. */
  handOff(message: HandedSocketMessage, socket: Socket): boolean;
}

/** The request exactly as the client sent it (the gateway's parser already consumed it), plus the head. */
export function rawRequest(req: IncomingMessage, head: Buffer): Buffer {
  const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
  for (let i = 0; i < req.rawHeaders.length; i += 2)
    lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), head]);
}

/**
 * A websocket that starts a new Socket.IO session can go to any instance; one that upgrades a
 * long-polling session (`sid` in the query) must reach the instance that holds the session, which
 * is the one the gateway proxies polling to.
 */
export const startsNewSession = (url: string | undefined): boolean =>
  !new URLSearchParams((url ?? '').split('?')[1] ?? '').has('sid');

interface StreamHandle {
  reading?: boolean;
  readStop?: () => number;
}

/**
 * Stops this process's reads on the connection before it is handed over: the descriptor is shared
 * until the receiver acknowledges it, and bytes this process reads meanwhile are dropped by Node
 * (measured: now and then a screen's `watch` or connect packet vanished, leaving it connected but
 * in no room). `net.Socket` has no public call for a connection already being read
 * (`pauseOnConnect` only covers sockets never read); `resume()` starts reading again.
 */
function stopReading(socket: Socket): void {
  const handle = (socket as unknown as { _handle?: StreamHandle })._handle;
  if (!handle?.readStop) return;
  handle.reading = false;
  handle.readStop();
}

/**
 * Hands websocket upgrades to the receivers in turn (round-robin spreads the screens evenly over
 * the instances). Returns false when none took it, so the caller proxies it instead.
 */
export function socketHandoff(receivers: () => readonly SocketReceiver[]) {
  let next = 0;
  return (req: IncomingMessage, socket: Duplex, head: Buffer): boolean => {
    if (!(socket instanceof Socket) || !startsNewSession(req.url)) return false;
    const all = receivers();
    const message: HandedSocketMessage = {
      type: HANDED_SOCKET,
      request: rawRequest(req, head).toString('base64'),
    };
    if (all.length === 0) return false;
    stopReading(socket);
    for (let tried = 0; tried < all.length; tried++) {
      const receiver = all[next++ % all.length]!;
      if (receiver.handOff(message, socket)) return true;
    }
    socket.resume(); // proxied after all: read again
    return false;
  };
}
