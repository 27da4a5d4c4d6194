import { DomainError } from '@scalemart/runtime/service';
import { decodeCursor, encodeCursor } from './orderCursor.js';

describe('order cursor', () => {
  const cursor = {
    placedAt: '2026-03-01T10:00:00.000Z',
    orderId: '6f1c2b9e-4a7d-4c8e-9b1a-2f3e4d5c6b7a',
  };

  it('round-trips', () => {
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it.each([
    '',
    'garbage',
    Buffer.from('["x","y"]').toString('base64url'),
    Buffer.from('{"$gt":""}').toString('base64url'),
  ])('refuses %j as a 422 on cursor', (raw) => {
    expect(() => decodeCursor(raw)).toThrow(DomainError);
    try {
      decodeCursor(raw);
    } catch (error) {
      expect((error as DomainError).status).toBe(422);
      expect((error as DomainError).options.issues?.[0]?.path).toBe('cursor');
    }
  });
});
