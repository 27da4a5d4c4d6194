import { RawHttpConnection, type RawAnswer } from './rawHttpConnection.js';

/**
 * `connections` keep-alive connections to one origin, one request in flight on each (no
 * pipelining: each connection is one shopper's browser tab waiting for its answer); a request
 * beyond them waits for the first connection to come free, as undici's Pool queues.
 */
export class RawHttpPool {
  readonly #idle: RawHttpConnection[];
  readonly #waiting: ((connection: RawHttpConnection) => void)[] = [];
  readonly #all: RawHttpConnection[];
  readonly #hostHeader: string;

  constructor(origin: string, connections: number, timeoutMs = 10_000) {
    const url = new URL(origin);
    this.#hostHeader = url.host;
    this.#all = Array.from(
      { length: connections },
      () => new RawHttpConnection(url.hostname, Number(url.port || 80), timeoutMs),
    );
    this.#idle = [...this.#all];
  }

  /** A whole POST request with a JSON body, as the string the connection writes. */
  post(path: string, headers: Record<string, string>, json: string): string {
    let head = `POST ${path} HTTP/1.1\r\nhost: ${this.#hostHeader}\r\n`;
    for (const name in headers) head += `${name}: ${headers[name]}\r\n`;
    return `${head}content-length: ${Buffer.byteLength(json)}\r\n\r\n${json}`;
  }

  async request(raw: string): Promise<RawAnswer> {
    const connection = this.#idle.pop() ?? (await this.#free());
    try {
      return await connection.request(raw);
    } finally {
      const waiter = this.#waiting.shift();
      if (waiter) waiter(connection);
      else this.#idle.push(connection);
    }
  }

  #free(): Promise<RawHttpConnection> {
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  close(): void {
    for (const connection of this.#all) connection.close();
  }
}
