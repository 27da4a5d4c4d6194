import type { IncomingMessage } from 'node:http';
import { DomainError, fromBodyParser } from '@scalemart/runtime/service';

/** The same limit as the Express app's `express.json({ limit: '16kb' })`. */
export const JSON_BODY_LIMIT = 16 * 1024;

/**
 * Whether the lean route reads this body exactly as `express.json({ strict: true })` would:
 * `application/json` (charset utf-8 or none), no Content-Encoding. Anything else (gzip, another
 * charset, another type) goes to the Express route, which knows every such case.
 */
export function isPlainJson(req: IncomingMessage): boolean {
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return false;
  const type = req.headers['content-type'];
  if (type === undefined) return false;
  const semi = type.indexOf(';');
  if (semi === -1) return type.trim().toLowerCase() === 'application/json';
  if (type.slice(0, semi).trim().toLowerCase() !== 'application/json') return false;
  return /^\s*charset="?utf-8"?\s*$/i.test(type.slice(semi + 1));
}

const bodyParserError = (type: string) => fromBodyParser({ type }) as DomainError;

/**
 * Reads and parses a JSON body like body-parser: no body at all is `undefined`, an empty one is
 * `{}`, the first character must open an object or array (strict), over 16 kB is a 413 (refused
 * from Content-Length before reading when it is given, else as soon as the 16 kB are passed).
 */
export function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const length = req.headers['content-length'];
  if (length === undefined && req.headers['transfer-encoding'] === undefined)
    return Promise.resolve(undefined);
  if (length !== undefined && Number(length) > JSON_BODY_LIMIT) {
    req.resume();
    return Promise.reject(bodyParserError('entity.too.large'));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= JSON_BODY_LIMIT) return void chunks.push(chunk);
      // Answer at once, as body-parser does; the rest of the body is read and dropped.
      req.off('data', onData).off('end', onEnd);
      req.resume();
      reject(bodyParserError('entity.too.large'));
    };
    const onEnd = () => {
      const text =
        chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
      try {
        resolve(parseStrict(text));
      } catch (error) {
        reject(error);
      }
    };
    req.on('data', onData).once('end', onEnd).once('error', reject);
  });
}

function parseStrict(text: string): unknown {
  if (text.length === 0) return {};
  const first = /^[ \t\n\r]*(.)/.exec(text)?.[1]; // after JSON's whitespace (RFC 8259)
  if (first !== '{' && first !== '[') throw bodyParserError('entity.parse.failed');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw bodyParserError('entity.parse.failed');
  }
}
