import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { DomainError } from './domainError.js';
import { isLoopback } from './loopback.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** The answer to a caller `metricsAccess` refuses (401, problem+json). */
export const metricsRefused = () =>
  new DomainError(
    'metrics_token_required',
    'Metrics answer callers on this machine, or bearers of METRICS_TOKEN',
  );

/**
 * Who may read /metrics (issue 25): with a token (METRICS_TOKEN), whoever sends
 * `Authorization: Bearer <token>`; without one, only a peer on this machine. The peer is the TCP
 * connection's, never X-Forwarded-For, which any client can write.
 */
export function metricsAccess(token: string | undefined): (req: IncomingMessage) => boolean {
  if (token === undefined) return (req) => isLoopback(req.socket.remoteAddress);
  const expected = digest(`Bearer ${token}`);
  // Digests of equal length, so the comparison takes the same time whatever was sent.
  return (req) => timingSafeEqual(digest(req.headers.authorization ?? ''), expected);
}
