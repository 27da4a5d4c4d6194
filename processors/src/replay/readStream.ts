import {
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  type OrderedConsumerOptions,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import {
  decodeEventJson,
  type ShopEvent,
  type ShopEventType,
  type ShopNaming,
} from '@scalemart/contracts';

/** Which events to read: every filter is optional and they combine with AND. */
export interface StreamFilter {
  types?: ShopEventType[];
  aggregate?: string;
  fromSeq?: number;
  toSeq?: number;
  /** Stream time (ISO) to start at / stop after. */
  since?: string;
  until?: string;
}

export interface StreamEntry {
  seq: number;
  subject: string;
  time: string;
  /** The decoded event, or undefined when the body is not a valid event. */
  event: ShopEvent | undefined;
  raw: string;
  /** Messages left after this one when it was delivered. */
  pending: number;
}

/** The stream's last sequence now: where a bounded read ends. */
export async function lastSequence(nc: NatsConnection, naming: ShopNaming): Promise<number> {
  const jsm = await jetstreamManager(nc);
  return (await jsm.streams.info(naming.stream)).state.last_seq;
}

/**
 * Reads the stream in order through an ephemeral ordered consumer (nothing durable is created or
 * moved). With `follow` it keeps waiting for new events; otherwise it stops at the last sequence
 * the stream had when the read began (or `toSeq`).
 */
export async function* readStream(
  nc: NatsConnection,
  naming: ShopNaming,
  filter: StreamFilter,
  options: { follow?: boolean; signal?: AbortSignal } = {},
): AsyncGenerator<StreamEntry> {
  const end = Math.min(
    filter.toSeq ?? Infinity,
    options.follow ? Infinity : await lastSequence(nc, naming),
  );
  const start = filter.fromSeq ?? 1;
  if (end < start) return;
  // One filter subject or none (the types are then checked here): nats-server's multi-filter path
  // slows down with the stream's subject count, one per order (see infra/runtime/src/consumers.ts).
  // `<root>.order.placed.*` -> `<root>.order.placed.`: a poison message on a wanted subject is kept.
  const prefixes = filter.types?.map((type) => naming.filterFor(type).slice(0, -1));
  const opts: Partial<OrderedConsumerOptions> = {
    ...(filter.types?.length === 1
      ? { filter_subjects: [naming.filterFor(filter.types[0]!)] }
      : {}),
    ...(filter.since && !filter.fromSeq
      ? {
          deliver_policy: DeliverPolicy.StartTime,
          opt_start_time: new Date(filter.since).toISOString(),
        }
      : { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: start }),
  };
  const consumer = await jetstream(nc).consumers.get(naming.stream, opts);
  const messages = await consumer.consume({ max_messages: 5_000 });
  options.signal?.addEventListener('abort', () => void messages.close(), { once: true });
  const until = filter.until ? Date.parse(filter.until) : Infinity;
  try {
    for await (const msg of messages) {
      if (msg.seq > end) break;
      const millis = Math.floor(msg.info.timestampNanos / 1_000_000);
      if (millis > until) break;
      const raw = msg.string();
      let event: ShopEvent | undefined;
      try {
        event = decodeEventJson(raw);
      } catch {
        event = undefined;
      }
      const pending = msg.info.pending;
      const typeMatches = !prefixes || prefixes.some((prefix) => msg.subject.startsWith(prefix));
      const aggregateMatches =
        !filter.aggregate ||
        event?.aggregateId === filter.aggregate ||
        matchesData(event, filter.aggregate);
      if (typeMatches && aggregateMatches) {
        // `time` as text only when read: a rebuild reads a whole stream and never asks.
        yield {
          seq: msg.seq,
          subject: msg.subject,
          get time() {
            return new Date(millis).toISOString();
          },
          event,
          raw,
          pending,
        };
      }
      if (msg.seq >= end || (!options.follow && pending === 0)) break;
    }
  } finally {
    await messages.close().catch(() => undefined);
  }
}

/** `--aggregate p-1` also finds the orders of product p-1 (their data carries productId). */
function matchesData(event: ShopEvent | undefined, aggregate: string): boolean {
  return (event?.data as { productId?: string } | undefined)?.productId === aggregate;
}
