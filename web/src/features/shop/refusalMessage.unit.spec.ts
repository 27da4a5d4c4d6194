import { ERROR_STATUS, type ErrorCode } from '@scalemart/contracts';
import { ApiError } from '../../lib/api.js';
import { refusalMessage } from './refusalMessage.js';

const refusal = (code: ErrorCode, extra: Partial<ApiError['problem']> = {}, retryAfter?: number) =>
  new ApiError(
    { type: 'about:blank', title: code, status: ERROR_STATUS[code], code, ...extra },
    retryAfter,
  );

describe('refusalMessage', () => {
  it.each([
    ['sold_out', /sold out/i],
    ['limit_reached', /limit per shopper/i],
    ['sale_not_open', /not open/i],
    ['unauthorized', /log in/i],
    ['unknown_product', /no longer available/i],
    ['unavailable', /cannot be reached/i],
  ] as const)('explains %s', (code, expected) => {
    expect(refusalMessage(refusal(code))).toMatch(expected);
  });

  it('tells how long to wait when rate limited', () => {
    expect(refusalMessage(refusal('rate_limited', {}, 7))).toBe(
      'Too many attempts. Try again in 7 seconds.',
    );
    expect(refusalMessage(refusal('rate_limited', {}, 1))).toBe(
      'Too many attempts. Try again in 1 second.',
    );
    expect(refusalMessage(refusal('rate_limited'))).toMatch(/wait a moment/);
  });

  it('lists the fields of an invalid request', () => {
    const error = refusal('invalid_request', {
      issues: [{ path: 'quantity', message: 'Too big' }],
    });
    expect(refusalMessage(error)).toBe('That request was not valid: quantity Too big.');
  });

  it('has its own sentence for every code the contracts know, never an empty one', () => {
    for (const code of Object.keys(ERROR_STATUS) as ErrorCode[]) {
      expect(refusalMessage(refusal(code)).length).toBeGreaterThan(5);
    }
  });

  it('falls back for errors that are not API refusals', () => {
    expect(refusalMessage(new TypeError('boom'))).toMatch(/try again/);
  });
});
