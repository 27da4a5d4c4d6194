import type { EventOfType, ShopEventType } from './events/shopEvent.js';

export interface EventContext {
  aggregateId: string;
  correlationId: string;
  causationId: string;
  /** Given when the event id must be derived (e.g. from an order) so a retry is deduplicated. */
  id?: string;
  occurredAt?: Date;
}

/** Wraps data in the envelope at the type's current version. */
export function newEvent<T extends ShopEventType>(
  type: T,
  version: EventOfType<T>['version'],
  data: EventOfType<T>['data'],
  context: EventContext,
): EventOfType<T> {
  return {
    id: context.id ?? globalThis.crypto.randomUUID(),
    type,
    version,
    occurredAt: (context.occurredAt ?? new Date()).toISOString(),
    aggregateId: context.aggregateId,
    correlationId: context.correlationId,
    causationId: context.causationId,
    data,
  } as EventOfType<T>;
}
