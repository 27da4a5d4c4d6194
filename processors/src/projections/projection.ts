import {
  READ_MODEL_COLLECTIONS,
  type ChangeNotice,
  type ShopEvent,
  type ShopEventType,
} from '@scalemart/contracts';

export type ModelName = 'products' | 'orders' | 'sales';

/**
 * Every read-model document: the entity id as `_id`, and `_seq`, the stream sequence of the last
 * event it reflects. An event at or below `_seq` is already in the document and is skipped.
 */
export interface ReadModelDoc {
  _id: string;
  _seq: number;
}

/**
 * One read model, as a pure fold of the stream. The writer (`foldBatch`, `applyBatch`) owns
 * everything else: which events a document has seen, reading, writing, acking.
 */
export interface Projection<D extends ReadModelDoc = ReadModelDoc> {
  model: ModelName;
  /** The event types it folds: the writer does not even decode the others. */
  eventTypes: readonly ShopEventType[];
  /** The documents an event changes (none: the event is not for this read model). */
  idsOf(event: ShopEvent): string[];
  /**
   * The document `id` after `event`; `doc` is undefined for a document never seen. Pure: it
   * returns a new document and never changes `doc` (a failed batch leaves nothing half-folded).
   * The writer sets `_id` and `_seq` on what it returns.
   */
  evolve(doc: D | undefined, event: ShopEvent, id: string): D;
  /** What query-api is told after the write, per changed document (`event`: its last event). */
  notice(doc: D, event: ShopEvent): ChangeNotice | undefined;
}

/** The collection of a model: the live one, or a rebuild's fresh one (`<name><suffix>`). */
export function collectionOf(model: ModelName, suffix = ''): string {
  return `${READ_MODEL_COLLECTIONS[model]}${suffix}`;
}

/** `2026-01-01T10:01:59.123Z` -> `2026-01-01T10:01:00.000Z`. */
export function minuteOf(at: string): string {
  // The events' own form (toISOString) is cut as text; any other offset goes through Date.
  if (at.length === 24 && at.endsWith('Z')) return `${at.slice(0, 17)}00.000Z`;
  const date = new Date(at);
  date.setUTCSeconds(0, 0);
  return date.toISOString();
}

/** ISO timestamps normalised to UTC `Z` form with milliseconds, so they compare as strings. */
export function utc(at: string): string {
  return at.length === 24 && at.endsWith('Z') ? at : new Date(at).toISOString();
}
