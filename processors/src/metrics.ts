import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The processors' metrics, on a registry of their own so several instances can share a process. */
export class ProcessorMetrics {
  readonly registry = new Registry();
  readonly events = new Counter({
    name: 'processors_events_total',
    help: 'Messages settled, by consumer and outcome (ack, nak, term)',
    labelNames: ['consumer', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly batchSize = new Histogram({
    name: 'processors_batch_size',
    help: 'Messages per handled batch',
    labelNames: ['consumer'] as const,
    buckets: [1, 5, 10, 50, 100, 250, 500, 1000, 2500],
    registers: [this.registry],
  });
  readonly batchSeconds = new Histogram({
    name: 'processors_batch_duration_seconds',
    help: 'Time to handle one batch, from decode to ack',
    labelNames: ['consumer'] as const,
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly deadLetters = new Counter({
    name: 'processors_dead_letters_total',
    help: 'Messages terminated and recorded as dead letters',
    labelNames: ['consumer'] as const,
    registers: [this.registry],
  });
  readonly payments = new Counter({
    name: 'processors_payments_total',
    help: 'Simulated payments by outcome',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly consumerPending: Gauge<'consumer'>;
  readonly consumerAckPending: Gauge<'consumer'>;

  /** `lag` is asked on every scrape, so the gauges always show the server's current numbers. */
  constructor(lag: () => Promise<{ consumer: string; pending: number; ackPending: number }[]>) {
    collectDefaultMetrics({ register: this.registry });
    let last: Promise<Awaited<ReturnType<typeof lag>>> | undefined;
    const read = () => (last ??= lag().finally(() => setTimeout(() => (last = undefined), 100)));
    this.consumerPending = new Gauge({
      name: 'processors_consumer_pending',
      help: 'Messages in the stream not yet delivered to the consumer (lag)',
      labelNames: ['consumer'] as const,
      registers: [this.registry],
      async collect() {
        for (const row of await read().catch(() => []))
          this.set({ consumer: row.consumer }, row.pending);
      },
    });
    this.consumerAckPending = new Gauge({
      name: 'processors_consumer_ack_pending',
      help: 'Messages delivered and not yet acknowledged',
      labelNames: ['consumer'] as const,
      registers: [this.registry],
      async collect() {
        for (const row of await read().catch(() => []))
          this.set({ consumer: row.consumer }, row.ackPending);
      },
    });
  }
}
