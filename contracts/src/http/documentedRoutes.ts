import type { ApiService } from './apiOperation.js';
import type { OpenApiDocument } from './openApiDocument.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * The routes a document says `service` serves, spelled as Express spells them
 * (`GET /api/products/{id}` -> `GET /api/products/:id`), sorted: what each app's test compares
 * with the routes it really has.
 */
export function documentedRoutes(document: OpenApiDocument, service: ApiService): string[] {
  const routes: string[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation?.tags?.includes(service)) continue;
      routes.push(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
    }
  }
  return routes.sort();
}
