import type { TokenClaims } from '@scalemart/contracts';
import { DomainError, type AccessTokens } from '@scalemart/runtime/service';
import type { Socket } from 'socket.io';

/** What the handshake established; `claims` is absent for anonymous sockets. */
export interface SocketData {
  claims?: TokenClaims;
  /** When the token expires (ms since the epoch): the socket is closed then (see socketServer). */
  expiresAt?: number;
}

/** `connect_error` sent to the client: `err.message` says why, `err.data` is machine-readable. */
export class HandshakeError extends Error {
  constructor(
    message: string,
    readonly data: { code: 'unauthorized'; status: 401; reason: 'expired' | 'invalid' },
  ) {
    super(message);
  }
}

/**
 * Socket.IO middleware: a token in `auth.token` must verify (same keys and checks as REST), or
 * the connection is refused; no token means an anonymous socket that may only watch products.
 * It runs for a recovered session too, whose data comes back from before the drop: what it
 * claimed then is dropped first, so only this handshake's token counts (issue 25).
 */
export function socketAuth(tokens: AccessTokens) {
  return (socket: Socket, next: (error?: Error) => void): void => {
    const data = socket.data as SocketData;
    delete data.claims;
    delete data.expiresAt;
    const token: unknown = socket.handshake.auth?.token;
    if (token === undefined || token === null || token === '') return next();
    if (typeof token !== 'string') {
      return next(
        new HandshakeError('The token is not valid', {
          code: 'unauthorized',
          status: 401,
          reason: 'invalid',
        }),
      );
    }
    try {
      const { exp, ...claims } = tokens.verify(token);
      data.claims = claims;
      data.expiresAt = exp * 1000;
      next();
    } catch (error) {
      const message = error instanceof DomainError ? error.message : 'The token is not valid';
      const reason = message.includes('expired') ? 'expired' : 'invalid';
      next(new HandshakeError(message, { code: 'unauthorized', status: 401, reason }));
    }
  };
}
