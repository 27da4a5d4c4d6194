import { ProblemDetails, type ErrorCode } from '@scalemart/contracts';
import type { z } from 'zod';

/** A refusal from an API: the problem+json body, or one made up when the body was not one. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly problem: ProblemDetails,
    /** Seconds to wait, from the body or the Retry-After header (rate_limited). */
    readonly retryAfterSeconds: number | undefined,
  ) {
    super(problem.detail ?? problem.title);
  }
  get code(): ErrorCode {
    return this.problem.code;
  }
}

const FALLBACK_CODES: Record<number, ErrorCode> = {
  400: 'malformed_json',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'idempotency_conflict',
  413: 'payload_too_large',
  422: 'invalid_request',
  429: 'rate_limited',
  503: 'unavailable',
};

export interface RequestOptions<T> {
  method?: 'GET' | 'POST';
  body?: unknown;
  token?: string | null;
  headers?: Record<string, string>;
  /** Validates the answer, so a contract drift fails loudly here and not deep in a component. */
  schema?: z.ZodType<T>;
  signal?: AbortSignal;
}

function retryAfter(response: Response, problem: ProblemDetails | undefined): number | undefined {
  if (problem?.retryAfterSeconds !== undefined) return problem.retryAfterSeconds;
  const header = response.headers.get('retry-after');
  const seconds = header === null ? NaN : Number(header);
  return Number.isFinite(seconds) ? seconds : undefined;
}

/** Turns any non-2xx answer into an ApiError, whatever the body looks like. */
export async function toApiError(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => undefined);
  const parsed = ProblemDetails.safeParse(body);
  const problem: ProblemDetails = parsed.success
    ? parsed.data
    : {
        type: 'about:blank',
        title: response.statusText || `HTTP ${response.status}`,
        status: response.status,
        code:
          FALLBACK_CODES[response.status] ?? (response.status >= 500 ? 'unavailable' : 'internal'),
      };
  return new ApiError(problem, retryAfter(response, problem));
}

/** fetch for the ScaleMart APIs: JSON in, JSON out, problem+json as ApiError, network loss as `unavailable`. */
export async function apiRequest<T = unknown>(
  path: string,
  options: RequestOptions<T> = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    const problem: ProblemDetails = {
      type: 'about:blank',
      title: 'Network error',
      status: 0,
      code: 'unavailable',
    };
    throw new ApiError(problem, undefined);
  }
  if (!response.ok) throw await toApiError(response);
  const body: unknown = response.status === 204 ? undefined : await response.json();
  return options.schema ? options.schema.parse(body) : (body as T);
}
