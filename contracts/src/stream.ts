/**
 * The SHOP stream's settings as plain data; `infra` applies them with the JetStream manager.
 * Kept here so every package agrees on them, and changes show up in one review.
 */
export const SHOP_STREAM_SETTINGS = {
  storage: 'file',
  /**
   * Messages with the same Nats-Msg-Id inside this window are dropped by the server. It must cover
   * the outbox relay: an entry is republished after OUTBOX_RELAY_AFTER_MS, and the relay scans every
   * second. Ten minutes also covers a command-api that is down for minutes; past the window,
   * consumers still deduplicate by orderId.
   */
  duplicateWindowMs: 10 * 60 * 1000,
  /** The stream is the source of truth: nothing ages out, read models are rebuilt from it. */
  maxAgeMs: 0,
  replicas: 1,
} as const;

/** An outbox entry older than this is presumed orphaned (its publisher died) and republished. */
export const OUTBOX_RELAY_AFTER_MS = 5_000;

/** Durable consumer names, one per job; each job scales by running more instances on it. */
export const CONSUMERS = {
  confirmOrders: 'confirm-orders',
  /** One durable feeds every read model: each event is received, decoded and acked once. */
  projections: 'projections',
} as const;
export type ConsumerName = (typeof CONSUMERS)[keyof typeof CONSUMERS];
