import type { Express } from 'express';

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  rawPath?: unknown;
  handle?: { stack?: Layer[] };
}

const join = (prefix: string, path: string) => prefix + (path === '/' ? '' : path) || '/';

function walk(stack: Layer[], prefix: string, out: Set<string>): void {
  for (const layer of stack) {
    if (layer.route) {
      const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      for (const path of paths) {
        for (const [method, on] of Object.entries(layer.route.methods)) {
          // Express answers HEAD with the GET route; `_all` is app.all, which none of ours uses.
          if (on) out.add(`${method.toUpperCase()} ${join(prefix, path)}`);
        }
      }
    } else if (layer.handle?.stack) {
      const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
      walk(layer.handle.stack, prefix + mount, out);
    }
  }
}

/**
 * Every route of an Express 5 app as `METHOD /path/:param`, routers' mount paths included
 * (e.g. `GET /api/products/:id`). Middleware (static files, parsers) are not routes.
 */
export function listExpressRoutes(app: Express): string[] {
  const out = new Set<string>();
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '', out);
  return [...out].sort();
}
