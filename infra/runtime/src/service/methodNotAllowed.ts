import type { RequestHandler } from 'express';
import { DomainError } from './domainError.js';

/** A documented route: OpenAPI path template (`/api/products/{id}`) and lower-case method. */
export interface KnownRoute {
  method: string;
  path: string;
}

/** `/api/products/{id}` -> /^\/api\/products\/[^/]+\/?$/i (Express matches case-insensitively). */
function templateToRegExp(template: string): RegExp {
  const literals = template
    .split(/\{\w+\}/)
    .map((part) => part.replace(/[.*+?^$()|[\]\\/]/g, '\\$&'));
  return new RegExp(`^${literals.join('[^/]+')}/?$`, 'i');
}

/**
 * Placed after an app's routes: a request for a path of the API (either app's; the one origin
 * splits by method) with a method that path does not have is 405 with `Allow`, not 404.
 */
export function methodNotAllowed(routes: readonly KnownRoute[]): RequestHandler {
  const byPath = new Map<string, { pattern: RegExp; methods: Set<string> }>();
  for (const route of routes) {
    const entry = byPath.get(route.path) ?? {
      pattern: templateToRegExp(route.path),
      methods: new Set<string>(),
    };
    entry.methods.add(route.method.toUpperCase());
    if (route.method.toLowerCase() === 'get') entry.methods.add('HEAD');
    byPath.set(route.path, entry);
  }
  return (req, res, next) => {
    for (const { pattern, methods } of byPath.values()) {
      if (!pattern.test(req.path) || methods.has(req.method)) continue;
      const allow = [...methods].sort().join(', ');
      res.setHeader('Allow', allow);
      return next(
        new DomainError('method_not_allowed', 'This path does not take this method', {
          detail: `Allow: ${allow}`,
        }),
      );
    }
    next();
  };
}
