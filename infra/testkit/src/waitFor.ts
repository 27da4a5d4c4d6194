import { setTimeout as sleep } from 'node:timers/promises';

export class WaitTimeoutError extends Error {
  override readonly name = 'WaitTimeoutError';
}

/**
 * Polls `probe` until it returns a value other than undefined/false, or fails after the deadline
 * with the last value seen. For eventual consistency: never a fixed sleep in a test.
 */
export async function waitFor<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  options: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new WaitTimeoutError(
        `timed out waiting for ${options.what ?? 'a condition'}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`,
      );
    }
    await sleep(options.intervalMs ?? 25);
  }
}
