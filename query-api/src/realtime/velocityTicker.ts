import { rooms, SOCKET_EVENTS, type SalesBucket, type VelocityPush } from '@scalemart/contracts';
import type { Logger } from 'pino';
import type { Server } from 'socket.io';
import { pendingOrders, totalBuckets, windowStart } from '../admin/salesStats.js';
import type { ReadModels } from '../readModels/readModels.js';
import type { Audience } from './audience.js';

const VELOCITY_WINDOW_MINUTES = 10;

/** Rate over the current minute and the one before it, scaled by how much of them has elapsed. */
export function perMinute(
  buckets: SalesBucket[],
  now: Date,
  pick: (bucket: SalesBucket) => number,
): number {
  const current = Math.floor(now.getTime() / 60_000) * 60_000;
  const from = new Date(current - 60_000).toISOString();
  const sum = buckets
    .filter((bucket) => bucket.minute >= from)
    .reduce((total, bucket) => total + pick(bucket), 0);
  const elapsedMinutes = 1 + (now.getTime() - current) / 60_000;
  return sum / elapsedMinutes;
}

/** Builds one velocity push from the total's buckets and the confirmation queue depth. */
export async function velocity(models: ReadModels, now = new Date()): Promise<VelocityPush> {
  const [buckets, pending] = await Promise.all([
    totalBuckets(models, windowStart(now, VELOCITY_WINDOW_MINUTES)),
    pendingOrders(models),
  ]);
  return {
    at: now.toISOString(),
    buckets,
    ordersPerMinute: perMinute(buckets, now, (bucket) => bucket.orders),
    revenuePerMinuteCents: perMinute(buckets, now, (bucket) => bucket.revenueCents),
    pendingOrders: pending,
  };
}

/** Every interval, pushes velocity to this instance's admins (only when it has any). */
export function startVelocityTicker(options: {
  io: Server;
  models: ReadModels;
  audience: Audience;
  intervalMs: number;
  logger: Logger;
}): () => void {
  let running = false;
  const timer = setInterval(() => {
    options.audience.prune();
    if (running || !options.audience.has(rooms.admin)) return;
    running = true;
    velocity(options.models)
      .then((push) => options.io.to(rooms.admin).emit(SOCKET_EVENTS.velocity, push))
      .catch((error: unknown) => options.logger.error({ err: error }, 'velocity push failed'))
      .finally(() => (running = false));
  }, options.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
