import type { ServerResponse } from 'node:http';
import { toProblemIssues } from '@scalemart/contracts';
import { DomainError } from './domainError.js';
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { sendProblem } from './problemDetails.js';
import type { HeaderList } from './sendBody.js';

const INTERNAL = new DomainError('internal', 'Something went wrong on our side');

/** The refusal an error stands for: a DomainError as is, a zod failure as 422; else undefined. */
function refusalOf(error: unknown): DomainError | undefined {
  if (error instanceof DomainError) return error;
  if (error instanceof z.ZodError) {
    return new DomainError('invalid_request', 'The request is not valid', {
      issues: toProblemIssues(error),
    });
  }
  return undefined;
}

/**
 * Answers an error, the same way on every route: a refusal as problem+json by its code,
 * anything else a logged 500. Returns the outcome the request is labelled with: the code.
 */
export function answerError(
  res: ServerResponse,
  error: unknown,
  context: { logger: Logger; url: string | undefined; headers?: HeaderList },
): string {
  if (res.headersSent) {
    context.logger.error({ err: error, url: context.url }, 'error after the answer was sent');
    if (!res.writableEnded) res.destroy();
    return String(res.statusCode);
  }
  const refusal = refusalOf(error);
  if (!refusal) context.logger.error({ err: error, url: context.url }, 'unhandled error');
  const answer = refusal ?? INTERNAL;
  sendProblem(res, answer, context.headers);
  return answer.code;
}

/** The Express routes' error middleware: answerError, and the outcome for the histogram. */
export function problemMiddleware(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    res.locals.outcome = answerError(res, error, { logger, url: req.originalUrl });
  };
}
