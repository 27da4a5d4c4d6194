import type { Logger } from 'pino';

export interface ShutdownOptions {
  /** Stops the service: finish what is in hand, close connections. */
  close: () => Promise<void>;
  logger?: Logger;
  /** Logged when a signal arrives: says what the service finishes before exiting. */
  message?: string;
  /** Exit with 1 if `close` has not finished by then (a stuck connection must not keep us up). */
  forceExitAfterMs?: number;
}

/**
 * The one graceful exit of every service: on the first SIGTERM or SIGINT, `close()` and exit 0
 * (1 if closing failed or took longer than `forceExitAfterMs`); later signals are ignored.
 */
export function closeOnSignals(options: ShutdownOptions): void {
  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      if (stopping) return;
      stopping = true;
      options.logger?.info({ signal }, options.message ?? 'shutting down');
      const force = setTimeout(() => process.exit(1), options.forceExitAfterMs ?? 10_000).unref();
      options.close().then(
        () => {
          clearTimeout(force);
          process.exit(0);
        },
        (error: unknown) => {
          options.logger?.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}
