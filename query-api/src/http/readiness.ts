import type { NatsConnection } from '@nats-io/nats-core';
import type { Db } from 'mongodb';

const CHECK_TIMEOUT_MS = 1000;

function within<T>(promise: Promise<T>): Promise<boolean> {
  const timeout = new Promise<boolean>((resolve) =>
    setTimeout(resolve, CHECK_TIMEOUT_MS, false).unref(),
  );
  return Promise.race([
    promise.then(
      () => true,
      () => false,
    ),
    timeout,
  ]);
}

/** Mongo answers a ping and NATS a round trip, each within a second. */
export async function readiness(db: Db, nc: NatsConnection): Promise<Record<string, boolean>> {
  const [mongo, nats] = await Promise.all([
    within(db.command({ ping: 1 })),
    nc.isClosed() ? Promise.resolve(false) : within(nc.rtt()),
  ]);
  return { mongo, nats };
}
