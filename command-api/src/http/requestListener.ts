import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Express } from 'express';

/** Whether a request's path is `path`, as Express matches it: any case, a trailing slash, a query. */
export function isPath(url: string | undefined, path: string): boolean {
  if (url === undefined) return false;
  const query = url.indexOf('?');
  let pathname = query === -1 ? url : url.slice(0, query);
  if (pathname.length > path.length && pathname.endsWith('/')) pathname = pathname.slice(0, -1);
  return pathname.length === path.length && pathname.toLowerCase() === path.toLowerCase();
}

/**
 * The server's one request listener: the purchase route takes its method and path, Express
 * every other request (other routes, CORS preflights, other methods on /api/orders).
 */
export function requestListener(
  app: Express,
  route: { method: string; path: string },
  handle: (req: IncomingMessage, res: ServerResponse) => void,
): RequestListener {
  return (req, res) => {
    if (req.method === route.method && isPath(req.url, route.path)) handle(req, res);
    else void app(req, res);
  };
}
