import { PlaceOrderRequest } from '@scalemart/contracts';
import { DomainError, parseWith } from '@scalemart/infra/service';
import { parsePurchase } from './purchaseRequest.js';

/** Whatever the schema says (the data, or the DomainError with its issues), as a comparable value. */
const verdict = (parse: () => unknown) => {
  try {
    return { data: parse() };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { code: error.code, status: error.status, issues: error.options.issues };
  }
};

describe('parsePurchase answers as PlaceOrderRequest does', () => {
  it.each([
    { productId: 'bench-herd', quantity: 1 },
    { productId: 'A_z-09', quantity: 10 },
    { quantity: 3, productId: 'p' },
    { productId: 'x'.repeat(64), quantity: 2 },
    { productId: 'x'.repeat(65), quantity: 2 },
    { productId: '', quantity: 1 },
    { productId: 'a.b', quantity: 1 },
    { productId: 'a b', quantity: 1 },
    { productId: '{p:1}', quantity: 1 },
    { productId: 'p', quantity: 0 },
    { productId: 'p', quantity: 11 },
    { productId: 'p', quantity: 1.5 },
    { productId: 'p', quantity: '1' },
    { productId: 'p', quantity: Number.NaN },
    { productId: 'p', quantity: Infinity },
    { productId: 7, quantity: 1 },
    { productId: 'p' },
    { quantity: 1 },
    { productId: 'p', quantity: 1, extra: true },
    JSON.parse('{"productId":"p","quantity":1,"__proto__":{"x":1}}'),
    Object.assign(Object.create({ inherited: 1 }), { productId: 'p', quantity: 1 }),
    {},
    [],
    ['p', 1],
    null,
    undefined,
    'p',
    1,
  ] as unknown[])('%p', (body) => {
    expect(verdict(() => parsePurchase(body))).toEqual(
      verdict(() => parseWith(PlaceOrderRequest, body)),
    );
  });

  it('returns a copy with the two fields only', () => {
    const body = { productId: 'p', quantity: 1 };
    expect(parsePurchase(body)).toEqual(body);
  });
});
