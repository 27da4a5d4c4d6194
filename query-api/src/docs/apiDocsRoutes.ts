import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { openApiDocument } from '@scalemart/contracts';
import express, { Router } from 'express';

/** swagger-ui-dist's files, served from node_modules: the page loads nothing from a CDN. */
const swaggerUiDir = path.dirname(
  createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'),
);
const ASSETS = '/api/docs/assets';

const startScript = `window.ui = SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  validatorUrl: null,
  tryItOutEnabled: false
});`;

/** The page's one inline script, allowed by its hash: no 'unsafe-inline' for scripts. */
const scriptHash = `'sha256-${createHash('sha256').update(startScript).digest('base64')}'`;

const page = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>ScaleMart API reference</title>
  <link rel="icon" type="image/png" href="${ASSETS}/favicon-32x32.png">
  <link rel="stylesheet" href="${ASSETS}/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="${ASSETS}/swagger-ui-bundle.js"></script>
  <script>${startScript}</script>
</body>
</html>`;

/**
 * GET /api/openapi.json (the document, generated from the contracts once at start) and
 * GET /api/docs (Swagger UI rendering it). Both public; the one origin routes GET /api/* here.
 */
export function apiDocsRoutes(): Router {
  const router = Router();
  const document = JSON.stringify(openApiDocument());
  router.get('/api/openapi.json', (_req, res) => {
    res.type('application/json').send(document);
  });
  router.get('/api/docs', (_req, res) => {
    res.setHeader(
      'Content-Security-Policy',
      `default-src 'self'; script-src 'self' ${scriptHash}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; ` +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'",
    );
    res.type('text/html').send(page);
  });
  router.use(
    ASSETS,
    express.static(swaggerUiDir, { index: false, maxAge: '1d', fallthrough: true }),
  );
  return router;
}
