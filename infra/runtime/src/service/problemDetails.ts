import { toProblemIssues, type ProblemDetails } from '@scalemart/contracts';
import type { ErrorRequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { DomainError } from './domainError.js';

/** The problem+json body (RFC 9457) of a DomainError: the one shape every answer path uses. */
export function problemBody(error: DomainError): ProblemDetails {
  return {
    type: `https://scalemart.dev/problems/${error.code}`,
    title: error.message,
    status: error.status,
    code: error.code,
    ...(error.options.detail ? { detail: error.options.detail } : {}),
    ...(error.options.issues ? { issues: error.options.issues } : {}),
    ...(error.options.retryAfterSeconds !== undefined
      ? { retryAfterSeconds: error.options.retryAfterSeconds }
      : {}),
  };
}

/** Writes a DomainError as application/problem+json (RFC 9457). */
export function sendProblem(res: Response, error: DomainError): void {
  const body = problemBody(error);
  if (error.options.retryAfterSeconds !== undefined) {
    res.setHeader('Retry-After', String(error.options.retryAfterSeconds));
  }
  res.status(error.status).type('application/problem+json').send(JSON.stringify(body));
}

/** Parses with a zod schema; a failure is a 422 invalid_request listing every issue. */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new DomainError('invalid_request', 'The request is not valid', {
    issues: toProblemIssues(result.error),
  });
}

/** body-parser's errors carry a `type`; these are the client's fault, not ours. */
export function fromBodyParser(error: { type?: string }): DomainError | undefined {
  if (error.type === 'entity.parse.failed')
    return new DomainError('malformed_json', 'The body is not valid JSON');
  if (error.type === 'entity.too.large')
    return new DomainError('payload_too_large', 'The body is too large');
  if (error.type === 'encoding.unsupported' || error.type === 'charset.unsupported') {
    return new DomainError('invalid_request', 'The body encoding is not supported');
  }
  return undefined;
}

/** The one error middleware: every refusal becomes problem+json; anything else a logged 500. */
export function problemDetailsMiddleware(logger?: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const known =
      error instanceof DomainError
        ? error
        : error instanceof z.ZodError
          ? new DomainError('invalid_request', 'The request is not valid', {
              issues: toProblemIssues(error),
            })
          : fromBodyParser(error as { type?: string });
    if (known) return sendProblem(res, known);
    logger?.error({ err: error, url: req.originalUrl }, 'unhandled error');
    sendProblem(res, new DomainError('internal', 'Something went wrong on our side'));
  };
}
