import { z } from 'zod';
import { EnvelopeHeader } from '../envelope.js';
import { OrderPlaced, OrderPlacedV1 } from './orderEvents.js';
import { ShopEvent } from './shopEvent.js';

/** Orders written before currencies existed were all in the shop's first currency. */
export const LEGACY_CURRENCY = 'EUR';

interface Upcaster {
  schema: z.ZodType;
  /** Lifts a parsed older event to the current version (chain them for several steps). */
  up(event: never): ShopEvent;
}

/** Older shapes still readable, keyed `type@version`, each with the function that lifts it. */
const olderVersions: Record<string, Upcaster> = {
  'OrderPlaced@1': {
    schema: OrderPlacedV1,
    up: (event: OrderPlacedV1): OrderPlaced => ({
      ...event,
      version: 2,
      data: {
        ...event.data,
        currency: LEGACY_CURRENCY,
        totalCents: event.data.unitPriceCents * event.data.quantity,
      },
    }),
  },
};

export class EventDecodeError extends Error {
  override readonly name = 'EventDecodeError';
  constructor(
    message: string,
    readonly issues: z.core.$ZodIssue[],
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * Validates a raw event of any known version and returns it at its current version.
 * Throws EventDecodeError for anything that is not a known event: the caller dead-letters it.
 */
export function decodeEvent(raw: unknown): ShopEvent {
  // The current versions first: nearly every event is one, and it is then validated once.
  const current = ShopEvent.safeParse(raw);
  if (current.success) return current.data;
  const header = EnvelopeHeader.safeParse(raw);
  if (!header.success) {
    throw new EventDecodeError('not an event envelope', header.error.issues);
  }
  const key = `${header.data.type}@${header.data.version}`;
  const older = olderVersions[key];
  if (older) {
    const parsed = older.schema.safeParse(raw);
    if (!parsed.success) throw new EventDecodeError(`invalid ${key}`, parsed.error.issues);
    return older.up(parsed.data as never);
  }
  throw new EventDecodeError(`invalid ${key}`, current.error.issues);
}

/** Decodes the bytes of a JetStream message body (UTF-8 JSON). */
export function decodeEventJson(json: string): ShopEvent {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (cause) {
    throw new EventDecodeError('event body is not JSON', [], { cause });
  }
  return decodeEvent(raw);
}
