import http from 'node:http';

export interface TestResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** Parsed JSON, or undefined: read it through the contract (testing/responseBodies.ts). */
  body: unknown;
  /** From the moment a socket carried the request (the server's share plus the network). */
  ms: number;
  /** From the call, including the wait for a free socket of the agent. */
  totalMs: number;
}

export interface TestRequest {
  port: number;
  method?: string;
  path: string;
  /** An object is sent as JSON; a string is sent as is (malformed JSON tests). */
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
  agent?: http.Agent;
}

/** A bare node:http client: real sockets, bounded by the agent's maxSockets. */
export function request(options: TestRequest): Promise<TestResponse> {
  const payload =
    options.body === undefined
      ? undefined
      : typeof options.body === 'string'
        ? options.body
        : JSON.stringify(options.body);
  const headers: Record<string, string> = {
    ...(payload !== undefined
      ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) }
      : {}),
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    ...options.headers,
  };
  const called = performance.now();
  let started = called;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: options.port,
        path: options.path,
        method: options.method ?? 'POST',
        headers,
        agent: options.agent,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            body = undefined;
          }
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            body,
            ms: performance.now() - started,
            totalMs: performance.now() - called,
          });
        });
        res.on('error', reject);
      },
    );
    req.once('socket', () => (started = performance.now()));
    req.on('error', reject);
    req.end(payload);
  });
}
