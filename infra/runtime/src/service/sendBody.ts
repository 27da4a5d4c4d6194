import type { ServerResponse } from 'node:http';

/** A flat [name, value, name, value, ...] list, the cheapest form `writeHead` takes. */
export type HeaderList = string[];

/** Sets a header in the list (case-insensitive): replaces its value, or appends it. */
export function setListHeader(headers: HeaderList, name: string, value: string): void {
  const wanted = name.toLowerCase();
  for (let at = 0; at < headers.length; at += 2) {
    if (headers[at]!.toLowerCase() === wanted) {
      headers[at + 1] = value;
      return;
    }
  }
  headers.push(name, value);
}

export const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Writes a whole answer in one writeHead + end: the headers given plus the body's type and
 * length. On a response with no header set before (the purchase route's), node:http sends head
 * and body in one socket write; headers an Express middleware set are kept, the list's win.
 */
export function sendBody(
  res: ServerResponse,
  status: number,
  headers: HeaderList,
  body: { type: string; text: string; length?: number },
): void {
  const length = body.length ?? Buffer.byteLength(body.text);
  headers.push('Content-Type', body.type, 'Content-Length', String(length));
  res.writeHead(status, headers);
  res.end(body.text);
}

/** A JSON answer (an accepted purchase). */
export function sendJson(
  res: ServerResponse,
  status: number,
  headers: HeaderList,
  value: unknown,
): void {
  sendBody(res, status, headers, { type: JSON_TYPE, text: JSON.stringify(value) });
}
