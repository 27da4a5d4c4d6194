import {
  CreateProductRequest,
  LoginRequest,
  PlaceOrderRequest,
  RestockRequest,
  ScheduleSaleRequest,
  SignupRequest,
} from '../index.js';

describe('requests', () => {
  it('accepts a signup and lower-cases the email', () => {
    expect(SignupRequest.parse({ email: 'Ada@Example.com', password: 'correct horse' })).toEqual({
      email: 'ada@example.com',
      password: 'correct horse',
    });
  });

  it.each([
    ['a short password', { email: 'a@b.co', password: 'short' }],
    ['a password bcrypt would truncate', { email: 'a@b.co', password: 'é'.repeat(40) }],
    ['a bad email', { email: 'not-an-email', password: 'long enough' }],
    [
      'a local part over 64 characters',
      { email: `${'a'.repeat(65)}@b.co`, password: 'long enough' },
    ],
    ['an operator object', { email: { $gt: '' }, password: 'long enough' }],
    ['an unknown field', { email: 'a@b.co', password: 'long enough', role: 'admin' }],
  ])('refuses a signup with %s', (_label, body) => {
    expect(SignupRequest.safeParse(body).success).toBe(false);
  });

  it('refuses a login with an operator object as password', () => {
    expect(LoginRequest.safeParse({ email: 'a@b.co', password: { $ne: null } }).success).toBe(
      false,
    );
  });

  it.each([
    [{ productId: 'p-1', quantity: 1 }, true],
    [{ productId: 'p-1', quantity: 0 }, false],
    [{ productId: 'p-1', quantity: 1.5 }, false],
    [{ productId: 'p-1', quantity: '1' }, false],
    [{ productId: 'p-1', quantity: 11 }, false],
    [{ productId: { $ne: null }, quantity: 1 }, false],
    [{ productId: 'p-1', quantity: 1, userId: 'someone-else' }, false],
  ])('PlaceOrderRequest %j valid: %p', (body, ok) => {
    expect(PlaceOrderRequest.safeParse(body).success).toBe(ok);
  });

  it('defaults a product currency and description', () => {
    expect(CreateProductRequest.parse({ name: 'Lamp', priceCents: 100, initialStock: 5 })).toEqual({
      name: 'Lamp',
      description: '',
      priceCents: 100,
      currency: 'EUR',
      initialStock: 5,
    });
  });

  it('refuses a sale that ends before it starts', () => {
    const result = ScheduleSaleRequest.safeParse({
      startsAt: '2026-01-01T11:00:00Z',
      endsAt: '2026-01-01T10:00:00Z',
      perUserLimit: 1,
      salePriceCents: 100,
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['endsAt']);
  });

  it('refuses a zero restock', () => {
    expect(RestockRequest.safeParse({ quantity: 0 }).success).toBe(false);
  });
});
