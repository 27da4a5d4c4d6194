import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Express } from 'express';
import { isPlainJson } from './leanJsonBody.js';

/**
 * The server's one request listener: a purchase with a plain JSON body goes to the lean route,
 * everything else (other routes, CORS preflights, other body encodings, a query string) to
 * Express, which answers every request exactly as before. Without a lean route, Express alone.
 */
export function frontListener(
  app: Express,
  leanPurchase?: (req: IncomingMessage, res: ServerResponse) => void,
): RequestListener {
  if (!leanPurchase) return app;
  return (req, res) => {
    if (req.method === 'POST' && req.url === '/api/orders' && isPlainJson(req)) {
      leanPurchase(req, res);
    } else {
      void app(req, res);
    }
  };
}
