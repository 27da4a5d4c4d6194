import type { JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import type { Logger } from 'pino';
import type { ProcessorMetrics } from '../metrics.js';
import {
  READ_MODEL_COLLECTIONS,
  type DeadLetter,
  type DeadLettered,
  type ShopNaming,
} from '@scalemart/contracts';
import type { Db } from 'mongodb';

export interface DeadLetterSink {
  record(letter: DeadLetter): Promise<void>;
}

/**
 * Dead letters go to MongoDB (`_id` = `<consumer>-<stream sequence>`, so recording the same
 * message twice keeps one document) and a notice tells query-api's admins at once.
 */
export function mongoDeadLetters(deps: {
  db: Db;
  nc: NatsConnection;
  naming: ShopNaming;
}): DeadLetterSink {
  const collection = deps.db.collection<DeadLetter & { _id: string }>(
    READ_MODEL_COLLECTIONS.deadLetters,
  );
  return {
    async record(letter) {
      await collection.updateOne({ _id: letter.id }, { $setOnInsert: letter }, { upsert: true });
      const notice: DeadLettered = {
        kind: 'dead-letter',
        id: letter.id,
        consumer: letter.consumer,
        reason: letter.reason,
        eventAt: letter.at,
      };
      deps.nc.publish(deps.naming.notice('dead-letter'), JSON.stringify(notice));
    },
  };
}

/** Gives up on a message for good: records its dead letter, then `term`s it (never the other way). */
export async function terminate(
  deps: { durable: string; deadLetters: DeadLetterSink; metrics: ProcessorMetrics; logger: Logger },
  msg: JsMsg,
  reason: string,
): Promise<void> {
  const { durable } = deps;
  await deps.deadLetters.record({
    id: `${durable}-${msg.seq}`,
    consumer: durable,
    streamSequence: msg.seq,
    subject: msg.subject,
    reason,
    payload: msg.string().slice(0, 64_000),
    deliveries: msg.info.deliveryCount,
    at: new Date().toISOString(),
  });
  msg.term(reason.slice(0, 200));
  deps.metrics.events.inc({ consumer: durable, outcome: 'term' });
  deps.metrics.deadLetters.inc({ consumer: durable });
  deps.logger.error({ seq: msg.seq, durable, reason }, 'dead-lettered');
}
