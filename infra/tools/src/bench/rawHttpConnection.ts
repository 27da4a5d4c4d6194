import { connect, type Socket } from 'node:net';

/** One answer as the load generator needs it: the status and the body's text. */
export interface RawAnswer {
  status: number;
  body: string;
}

const HEAD_END = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = /\r\ncontent-length:[ \t]*(\d+)/i;
const CHUNKED = /\r\ntransfer-encoding:[ \t]*chunked/i;
const CONNECTION_CLOSE = /\r\nconnection:[ \t]*close/i;

/**
 * One keep-alive HTTP/1.1 connection with one request in flight, for the load generator: the
 * request is a string written as is, the answer is read by hand (status line, Content-Length or
 * chunked body). It costs a fraction of a general client per request, so on a machine where the
 * generator shares the cores with the servers it leaves them the CPU it measures them with.
 */
export class RawHttpConnection {
  #socket: Socket | undefined;
  #pending: { resolve: (answer: RawAnswer) => void; reject: (error: Error) => void } | undefined;
  #buffered: Buffer = Buffer.alloc(0);

  constructor(
    readonly host: string,
    readonly port: number,
    readonly timeoutMs: number,
  ) {}

  /** Sends one whole request (head and body) and resolves with its answer. */
  request(raw: string): Promise<RawAnswer> {
    if (this.#pending) return Promise.reject(new Error('a request is already in flight'));
    const socket = this.#socket ?? this.#open();
    return new Promise<RawAnswer>((resolve, reject) => {
      this.#pending = { resolve, reject };
      socket.write(raw);
    });
  }

  close(): void {
    this.#socket?.destroy();
    this.#socket = undefined;
  }

  #open(): Socket {
    const socket = connect({ host: this.host, port: this.port, noDelay: true });
    socket.setTimeout(this.timeoutMs);
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('timeout', () => this.#fail(socket, errorWithCode('UND_ERR_HEADERS_TIMEOUT')));
    socket.on('error', (error) => this.#fail(socket, error));
    socket.on('close', () => this.#fail(socket, errorWithCode('UND_ERR_SOCKET')));
    this.#socket = socket;
    return socket;
  }

  /** The connection broke: the request in flight fails, the next one opens a new connection. */
  #fail(socket: Socket, error: Error): void {
    if (this.#socket !== socket) return;
    socket.destroy();
    this.#socket = undefined;
    this.#buffered = Buffer.alloc(0);
    const pending = this.#pending;
    this.#pending = undefined;
    pending?.reject(error);
  }

  #onData(chunk: Buffer): void {
    const data = this.#buffered.length === 0 ? chunk : Buffer.concat([this.#buffered, chunk]);
    const headEnd = data.indexOf(HEAD_END);
    if (headEnd === -1) {
      this.#buffered = data;
      return;
    }
    const head = data.toString('latin1', 0, headEnd);
    const bodyStart = headEnd + HEAD_END.length;
    const body = CHUNKED.test(head)
      ? dechunk(data, bodyStart)
      : fixedBody(data, bodyStart, CONTENT_LENGTH.exec(head));
    if (body === undefined) {
      this.#buffered = data;
      return;
    }
    this.#buffered = Buffer.alloc(0);
    const pending = this.#pending;
    this.#pending = undefined;
    if (CONNECTION_CLOSE.test(head)) this.close();
    pending?.resolve({ status: Number(head.slice(9, 12)), body });
  }
}

function fixedBody(
  data: Buffer,
  start: number,
  length: RegExpExecArray | null,
): string | undefined {
  const end = start + (length ? Number(length[1]) : 0);
  return data.length < end ? undefined : data.toString('utf8', start, end);
}

/** A chunked body once its last chunk has arrived, else undefined (wait for more). */
function dechunk(data: Buffer, start: number): string | undefined {
  const parts: Buffer[] = [];
  for (let at = start; ;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd === -1) return undefined;
    const size = parseInt(data.toString('latin1', at, lineEnd), 16);
    const chunkEnd = lineEnd + 2 + size;
    if (data.length < chunkEnd + 2) return undefined;
    if (size === 0) return Buffer.concat(parts).toString('utf8');
    parts.push(data.subarray(lineEnd + 2, chunkEnd));
    at = chunkEnd + 2;
  }
}

/** Errors named like undici's, so the bench's error tally reads the same with either client. */
function errorWithCode(code: string): Error {
  return Object.assign(new Error(code), { code });
}
