import { jest } from '@jest/globals';

/** A Response as apiRequest reads it (jsdom has no fetch): status, headers and a JSON body. */
export function fakeResponse(status: number, body: unknown, headers: Record<string, string> = {}) {
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: '',
    headers: { get: (name: string) => lower.get(name.toLowerCase()) ?? null },
    json: () => Promise.resolve(body),
  } as unknown as Response;
}

/** Replaces global fetch; each call gets the next answer, or waits on a promise the test controls. */
export function installFetch(...answers: (Response | Promise<Response>)[]) {
  const fetchMock = jest.fn(async (_url: string, _init?: RequestInit) => {
    const next = answers.shift();
    if (!next) throw new Error('no more fake answers');
    return next;
  });
  globalThis.fetch = fetchMock as unknown as typeof fetch;
  return fetchMock;
}

export const problem = (status: number, code: string, extra: Record<string, unknown> = {}) =>
  fakeResponse(
    status,
    { type: 'about:blank', title: code, status, code, ...extra },
    { 'content-type': 'application/problem+json' },
  );
