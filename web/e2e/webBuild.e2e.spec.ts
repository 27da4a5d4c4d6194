import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { WEB_DIST } from './system.js';

// The gateway's policy for the web app (script-src 'self', no unsafe-inline) holds only for a
// build without inline scripts (issue 25).
describe("the web app's build", () => {
  it('has no inline script, so script-src needs no unsafe-inline', async () => {
    const html = await readFile(path.join(WEB_DIST, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc="\/assets\//);
      expect(body!.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+=/i); // no inline event handlers either
  });
});
