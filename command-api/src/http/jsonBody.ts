import type { IncomingMessage } from 'node:http';
import { DomainError } from '@scalemart/runtime/service';
import type { RequestHandler } from 'express';

/** The largest JSON body any route reads; a bigger one is 413 payload_too_large. */
export const JSON_BODY_LIMIT = 16 * 1024;

const tooLarge = () => new DomainError('payload_too_large', 'The body is too large');
const malformed = () => new DomainError('malformed_json', 'The body is not valid JSON');
const unsupported = (header: string) =>
  new DomainError('invalid_request', 'The body encoding is not supported', {
    issues: [{ path: header, message: 'JSON bodies are sent as utf-8, uncompressed' }],
  });

/**
 * How a body is read, from its headers: `skip` for no body or one that is not JSON (the schema
 * then refuses the missing body with its issues), `read` for utf-8 JSON. A compressed body or
 * another charset is refused: no client of ours sends one.
 */
function bodyKind(req: IncomingMessage): 'skip' | 'read' {
  if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined)
    return 'skip';
  const type = req.headers['content-type'];
  const semi = type?.indexOf(';') ?? -1;
  const mediaType = (semi === -1 ? type : type!.slice(0, semi))?.trim().toLowerCase();
  if (mediaType !== 'application/json') return 'skip';
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity')
    throw unsupported('content-encoding');
  if (semi !== -1 && !/^\s*charset="?utf-8"?\s*$/i.test(type!.slice(semi + 1)))
    throw unsupported('content-type');
  return 'read';
}

/**
 * Reads a JSON body: no body (or one that is not `application/json`) is `undefined`, an empty
 * one `{}`; only an object or array is JSON here (strict); over JSON_BODY_LIMIT is refused from
 * Content-Length before reading, else as soon as the limit is passed. Bad input is a DomainError.
 */
export function readJsonBody(req: IncomingMessage): Promise<unknown> {
  try {
    if (bodyKind(req) === 'skip') return Promise.resolve(undefined);
  } catch (error) {
    return Promise.reject(error);
  }
  const length = req.headers['content-length'];
  if (length !== undefined && Number(length) > JSON_BODY_LIMIT) {
    req.resume(); // the body is read and dropped, so the connection can be kept alive
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= JSON_BODY_LIMIT) return void chunks.push(chunk);
      // Answer at once; the rest of the body is read and dropped.
      req.off('data', onData).off('end', onEnd);
      req.resume();
      reject(tooLarge());
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
  if (first !== '{' && first !== '[') throw malformed();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw malformed();
  }
}

/** readJsonBody for the Express routes: the body lands in `req.body`. */
export function jsonBody(): RequestHandler {
  return (req, _res, next) => {
    readJsonBody(req).then((body) => {
      req.body = body;
      next();
    }, next);
  };
}
