import { OrderId, Timestamp } from '@scalemart/contracts';
import { DomainError } from '@scalemart/runtime/service';
import { z } from 'zod';

/** Position after the last order of a page: (placedAt, orderId), the same pair the list sorts on. */
export interface OrderCursor {
  placedAt: string;
  orderId: string;
}

const CursorTuple = z.tuple([Timestamp, OrderId]);

/** Opaque to clients: base64url of a JSON pair. */
export function encodeCursor(cursor: OrderCursor): string {
  return Buffer.from(JSON.stringify([cursor.placedAt, cursor.orderId])).toString('base64url');
}

/** A cursor the client tampered with is a 422 on `cursor`, not a 500. */
export function decodeCursor(raw: string): OrderCursor {
  try {
    const [placedAt, orderId] = CursorTuple.parse(
      JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')),
    );
    return { placedAt, orderId };
  } catch {
    throw new DomainError('invalid_request', 'The request is not valid', {
      issues: [{ path: 'cursor', message: 'is not a cursor this API issued' }],
    });
  }
}
