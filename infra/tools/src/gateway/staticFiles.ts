import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { WEB_SECURITY_HEADERS } from './webSecurityHeaders.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

async function fileAt(root: string, urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const file = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  // normalize() + the prefix check keep `..` from ever leaving the build directory.
  if (file !== root && !file.startsWith(root + path.sep)) return undefined;
  const info = await stat(file).catch(() => undefined);
  return info?.isFile() ? file : undefined;
}

/**
 * Serves web's build. Unknown paths without a file extension get index.html (the SPA decides);
 * hashed assets are cached for a year, index.html never, so a deploy is picked up at once.
 * Every answer carries the web app's security headers (webSecurityHeaders.ts).
 */
export function staticFiles(staticDir: string) {
  const root = path.resolve(staticDir);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...WEB_SECURITY_HEADERS, allow: 'GET, HEAD' }).end();
      return;
    }
    const urlPath = (req.url ?? '/').split('?', 1)[0]!;
    let file = await fileAt(root, urlPath);
    if (!file && path.extname(urlPath) === '') file = await fileAt(root, '/index.html');
    if (!file) {
      res
        .writeHead(404, { ...WEB_SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' })
        .end('Not found');
      return;
    }
    const immutable = urlPath.startsWith('/assets/');
    res.writeHead(200, {
      ...WEB_SECURITY_HEADERS,
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file).pipe(res);
  };
}
