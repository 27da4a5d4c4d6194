import type { NatsConnection } from '@nats-io/nats-core';
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
export function mongoDeadLetters(deps: { db: Db; nc: NatsConnection; naming: ShopNaming }): DeadLetterSink {
  const collection = deps.db.collection<DeadLetter & { _id: string }>(READ_MODEL_COLLECTIONS.deadLetters);
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
