import { z } from 'zod';
import { Timestamp } from './ids.js';

/** The fields every event carries around its `data`, whatever its type. */
export const EnvelopeHeader = z.object({
  id: z.uuid(),
  type: z.string().min(1),
  version: z.int().positive(),
  occurredAt: Timestamp,
  aggregateId: z.string().min(1),
  /** The request that started the chain (the HTTP request id at the edge). */
  correlationId: z.string().min(1),
  /** The event or request that directly caused this one. */
  causationId: z.string().min(1),
});
export type EnvelopeHeader = z.infer<typeof EnvelopeHeader>;

/** Builds the schema of one event type at one version: the envelope with a literal type and data. */
export function eventSchema<T extends string, V extends number, D extends z.ZodType>(
  type: T,
  version: V,
  data: D,
) {
  return EnvelopeHeader.extend({
    type: z.literal(type),
    version: z.literal(version),
    data,
  });
}
