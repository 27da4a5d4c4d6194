import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { HeaderList } from '@scalemart/runtime/service';

type Middleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/**
 * The headers a middleware sets on a POST from `origin`, found by running it once on a response
 * that is never sent. helmet and cors decide from nothing but the method and the Origin, so what
 * they set once they set every time: the purchase route sends the very headers the Express
 * routes get, without running the middlewares per request.
 */
export function headersSetBy(middleware: Middleware, origin?: string): HeaderList {
  const req = new IncomingMessage(new Socket());
  req.method = 'POST';
  if (origin !== undefined) req.headers = { origin };
  const res = new ServerResponse(req);
  let called = false;
  middleware(req, res, () => (called = true));
  // A middleware that answers or waits itself cannot be replayed from a recording.
  if (!called) throw new Error('headersSetBy: the middleware did not call next() at once');
  return res.getHeaderNames().flatMap((name) => [name, String(res.getHeader(name))]);
}

/**
 * The headers of every purchase answer: helmet's, and cors's for the request's Origin (computed
 * on first sight of each). Bounded: a flood of made-up origins runs cors each time.
 */
export function fixedHeaders(
  security: Middleware,
  cors: Middleware,
  max = 256,
): (origin: string | undefined) => HeaderList {
  const always = headersSetBy(security);
  const seen = new Map<string, HeaderList>();
  return (origin) => {
    const key = origin ?? '';
    let headers = seen.get(key);
    if (!headers) {
      headers = [...always, ...headersSetBy(cors, origin)];
      if (seen.size < max) seen.set(key, headers);
    }
    return headers;
  };
}
