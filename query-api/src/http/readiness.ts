import type { NatsConnection } from '@nats-io/nats-core';
import type { Db } from 'mongodb';

const CHECK_TIMEOUT_MS = 1000;

/** `ok`, or why not (the same shape as command-api's /readyz). */
function within<T>(promise: Promise<T>): Promise<string> {
  const timeout = new Promise<string>((resolve) =>
    setTimeout(resolve, CHECK_TIMEOUT_MS, `no answer within ${CHECK_TIMEOUT_MS} ms`).unref(),
  );
  const settled = promise.then(
    () => 'ok',
    (error: unknown) => (error instanceof Error ? error.message : 'failed'),
  );
  return Promise.race([settled, timeout]);
}

/** Mongo answers a ping and NATS a round trip, each within a second. */
export async function readiness(db: Db, nc: NatsConnection): Promise<Record<string, string>> {
  const [mongo, nats] = await Promise.all([
    within(db.command({ ping: 1 })),
    nc.isClosed() ? Promise.resolve('closed') : within(nc.rtt()),
  ]);
  return { mongo, nats };
}
