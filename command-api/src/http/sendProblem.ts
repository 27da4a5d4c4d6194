import type { ServerResponse } from 'node:http';
import { problemBody, type DomainError } from '@scalemart/runtime/service';
import { sendBody, setListHeader, type HeaderList } from './sendBody.js';

export const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';

/**
 * The one writer of a refusal, for every route (the purchase route and Express's error
 * middleware): RFC 9457 problem+json, and Retry-After when the error says when to come back.
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
