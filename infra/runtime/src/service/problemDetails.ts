import type { ServerResponse } from 'node:http';
import { toProblemIssues, type ProblemDetails } from '@scalemart/contracts';
import type { z } from 'zod';
import { DomainError } from './domainError.js';
import { sendBody, setListHeader, type HeaderList } from './sendBody.js';

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

export const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';

/**
 * The one writer of a refusal, for every route of every service (bare node:http routes and
 * Express's error middleware alike): RFC 9457 problem+json, and Retry-After when the error says
 * when to come back.
 */
export function sendProblem(
  res: ServerResponse,
  error: DomainError,
  headers: HeaderList = [],
): void {
  sendBody(res, error.status, withRetryAfter(headers, error), {
    type: PROBLEM_TYPE,
    text: JSON.stringify(problemBody(error)),
  });
}

/** A refusal whose body never changes (sold out...), serialised once. */
export function prebuiltProblem(
  error: DomainError,
): (res: ServerResponse, headers: HeaderList) => void {
  const text = JSON.stringify(problemBody(error));
  const body = { type: PROBLEM_TYPE, text, length: Buffer.byteLength(text) };
  return (res, headers) => sendBody(res, error.status, withRetryAfter(headers, error), body);
}

function withRetryAfter(headers: HeaderList, error: DomainError): HeaderList {
  const seconds = error.options.retryAfterSeconds;
  if (seconds !== undefined) setListHeader(headers, 'Retry-After', String(seconds));
  return headers;
}

/** Parses with a zod schema; a failure is a 422 invalid_request listing every issue. */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new DomainError('invalid_request', 'The request is not valid', {
    issues: toProblemIssues(result.error),
  });
}
