import { z } from 'zod';

/** Every refusal an API can give, with its HTTP status: one table for both APIs and the web. */
export const ERROR_STATUS = {
  invalid_request: 422,
  malformed_json: 400,
  payload_too_large: 413,
  unauthorized: 401,
  invalid_credentials: 401,
  metrics_token_required: 401,
  forbidden: 403,
  sale_not_open: 403,
  not_found: 404,
  method_not_allowed: 405,
  unknown_product: 404,
  sold_out: 409,
  limit_reached: 409,
  email_taken: 409,
  product_exists: 409,
  idempotency_conflict: 409,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const ErrorCode = z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]);

/** RFC 9457 problem details, with a machine-readable `code`. */
export const ProblemDetails = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int().min(400).max(599),
  code: ErrorCode,
  detail: z.string().optional(),
  /** Field-level validation issues, for `invalid_request`. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /** Seconds to wait, for `rate_limited` (also in the Retry-After header). */
  retryAfterSeconds: z.int().nonnegative().optional(),
});
export type ProblemDetails = z.infer<typeof ProblemDetails>;

/** Turns zod issues into the flat `issues` list of a problem. */
export function toProblemIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}
