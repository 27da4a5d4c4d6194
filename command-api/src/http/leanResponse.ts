import type { IncomingMessage, ServerResponse } from 'node:http';
import { problemBody, type DomainError } from '@scalemart/runtime/service';

type Middleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/** A flat [name, value, name, value, ...] list, the cheapest form `writeHead` takes. */
export type HeaderList = string[];

/** Where a header's name is in the list (case-insensitive), or -1. */
export function indexOfHeader(headers: HeaderList, name: string): number {
  const wanted = name.toLowerCase();
  for (let at = 0; at < headers.length; at += 2) {
    if (headers[at]!.toLowerCase() === wanted) return at;
  }
  return -1;
}

/**
 * The headers a middleware sets, found by running it once on a recorder. helmet and cors decide
 * from nothing but the request's method and Origin, so what they set once they set every time:
 * the lean route sends the very headers Express's chain would, without running that chain.
 */
export function capturedHeaders(middleware: Middleware, req: Partial<IncomingMessage>): HeaderList {
  const headers = new Map<string, [string, string]>();
  const recorder = {
    setHeader: (name: string, value: unknown) =>
      headers.set(name.toLowerCase(), [name, String(value)]),
    getHeader: (name: string) => headers.get(name.toLowerCase())?.[1],
    removeHeader: (name: string) => headers.delete(name.toLowerCase()),
  };
  let called = false;
  middleware(
    { method: 'POST', headers: {}, ...req } as IncomingMessage,
    recorder as unknown as ServerResponse,
    () => (called = true),
  );
  // A middleware that answers or waits itself cannot be replayed from a recording.
  if (!called) throw new Error('capturedHeaders: the middleware did not call next() at once');
  return [...headers.values()].flat();
}

/**
 * The cors middleware's headers for a simple (non-preflight) request from each Origin, computed
 * on first sight. Bounded: a flood of made-up origins is answered by running cors each time.
 */
export function corsHeadersByOrigin(
  cors: Middleware,
  max = 256,
): (origin: string | undefined) => HeaderList {
  const seen = new Map<string, HeaderList>();
  return (origin) => {
    const key = origin ?? '';
    let headers = seen.get(key);
    if (headers) return headers;
    headers = capturedHeaders(cors, { headers: origin === undefined ? {} : { origin } });
    if (seen.size < max) seen.set(key, headers);
    return headers;
  };
}

const JSON_TYPE = 'application/json; charset=utf-8';
const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';

/**
 * Writes a whole answer in one writeHead + end: the headers given plus the body's type and
 * length. The body is a string so that node:http sends head and body in one write, not a writev.
 */
export function sendBody(
  res: ServerResponse,
  status: number,
  headers: HeaderList,
  type: string,
  body: string,
  length = Buffer.byteLength(body),
): void {
  headers.push('Content-Type', type, 'Content-Length', String(length));
  res.writeHead(status, headers);
  res.end(body);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  headers: HeaderList,
  json: string,
): void {
  sendBody(res, status, headers, JSON_TYPE, json);
}

/** problem+json, the same body and Retry-After header as the Express path's sendProblem. */
export function sendProblemLean(
  res: ServerResponse,
  headers: HeaderList,
  error: DomainError,
): void {
  const retryAfter = error.options.retryAfterSeconds;
  // The rate limiter may have set it already (rateLimits.ts): one Retry-After, as Express sends.
  if (retryAfter !== undefined && indexOfHeader(headers, 'Retry-After') === -1) {
    headers.push('Retry-After', String(retryAfter));
  }
  sendBody(res, error.status, headers, PROBLEM_TYPE, JSON.stringify(problemBody(error)));
}

/** A refusal whose body never changes (sold out...), serialised once. */
export function prebuiltProblem(
  error: DomainError,
): (res: ServerResponse, headers: HeaderList) => void {
  const body = JSON.stringify(problemBody(error));
  const length = Buffer.byteLength(body);
  return (res, headers) => sendBody(res, error.status, headers, PROBLEM_TYPE, body, length);
}
