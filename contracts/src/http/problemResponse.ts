import { z } from 'zod';
import { ProblemDetails, type ErrorCode } from '../errors.js';

const WHEN: Record<ErrorCode, string> = {
  invalid_request: 'a body, path, query or header value breaks its schema (`issues` lists each)',
  malformed_json: 'the body is not valid JSON',
  payload_too_large: 'the body is over 16 kB',
  unauthorized: 'no bearer token, or one that is expired, forged or otherwise not valid',
  invalid_credentials: 'the email or the password is not correct',
  metrics_token_required:
    'the caller is not on this machine, or METRICS_TOKEN is set and was not sent as a bearer',
  forbidden: 'the token is valid but lacks the admin role',
  sale_not_open: 'no sale of the product is running',
  not_found: 'no such resource (or it belongs to someone else)',
  method_not_allowed: 'the path exists but not with this method (`Allow` lists those it has)',
  unknown_product: 'there is no such product',
  sold_out: 'not enough units left',
  limit_reached: 'the buyer already holds the per-user limit of this sale',
  email_taken: 'an account with this email exists',
  product_exists: 'a product with this id exists',
  idempotency_conflict: 'the Idempotency-Key was used for a different purchase',
  rate_limited: 'too many requests; retry after `Retry-After` seconds',
  unavailable: 'a server the API needs is down; retry later',
  internal: 'a bug on our side',
};

const RETRY_AFTER = new Set<ErrorCode>(['rate_limited']);

/** One problem+json response whose `code` is exactly one of `codes`. */
export function problemResponse(codes: readonly ErrorCode[]) {
  const [first, ...rest] = codes as [ErrorCode, ...ErrorCode[]];
  const schema = ProblemDetails.extend({ code: z.enum([first, ...rest]) });
  const retry = codes.some((code) => RETRY_AFTER.has(code));
  return {
    description: codes.map((code) => `\`${code}\`: ${WHEN[code]}`).join('; '),
    ...(retry
      ? {
          headers: z.object({
            'Retry-After': z.string().meta({ description: 'Seconds to wait' }).optional(),
          }),
        }
      : {}),
    content: { 'application/problem+json': { schema } },
  };
}
