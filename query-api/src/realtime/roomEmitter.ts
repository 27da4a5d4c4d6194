import type { Logger } from 'pino';
import type { Server } from 'socket.io';
import type { QueryMetrics } from '../http/metrics.js';
import type { ReadModels } from '../readModels/readModels.js';
import type { Audience } from './audience.js';

/** What this instance's pushers share: its sockets, the read models, who watches, metrics, logs. */
export interface PushDeps {
  io: Server;
  models: ReadModels;
  audience: Audience;
  metrics: QueryMetrics;
  logger: Logger;
}

/** Emits to rooms and records the push latency from the causing event's time. */
export function roomEmitter(io: Server, metrics: QueryMetrics) {
  return (to: string | string[], event: string, payload: unknown, eventAt: string) => {
    io.to(to).emit(event, payload);
    metrics.pushes.inc({ event });
    metrics.pushLatency.observe({ event }, Math.max(0, Date.now() - Date.parse(eventAt)) / 1000);
  };
}
