import type { ErrorCode } from '@scalemart/contracts';
import { ApiError } from '../../lib/api.js';

/** What a shopper reads for each refusal; every code a purchase can meet has its own sentence. */
export function refusalMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Something went wrong. Please try again.';
  return messageFor(error.code, error);
}

function messageFor(code: ErrorCode, error: ApiError): string {
  switch (code) {
    case 'sold_out':
      return 'Sold out — every unit has been taken.';
    case 'limit_reached':
      return 'You have reached the limit per shopper for this sale.';
    case 'sale_not_open':
      return 'The sale is not open right now.';
    case 'rate_limited': {
      const wait = error.retryAfterSeconds;
      return wait === undefined
        ? 'Too many attempts. Please wait a moment and try again.'
        : `Too many attempts. Try again in ${wait} second${wait === 1 ? '' : 's'}.`;
    }
    case 'invalid_request':
      return `That request was not valid${issuesOf(error)}.`;
    case 'unauthorized':
    case 'invalid_credentials':
      return 'Please log in again to buy.';
    case 'unknown_product':
    case 'not_found':
      return 'This product is no longer available.';
    case 'idempotency_conflict':
      return 'This purchase was already sent with different details.';
    case 'unavailable':
      return 'The shop cannot be reached. Check your connection and try again.';
    default:
      return error.problem.detail ?? error.problem.title;
  }
}

function issuesOf(error: ApiError): string {
  const issues = error.problem.issues ?? [];
  return issues.length === 0
    ? ''
    : `: ${issues.map((i) => `${i.path || 'body'} ${i.message}`).join('; ')}`;
}
