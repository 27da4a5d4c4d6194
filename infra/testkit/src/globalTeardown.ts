import type { Stack } from './stack/types.js';

/** jest globalTeardown: stops the run's stack; no server process outlives the run. */
export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __scalemartStack?: Stack }).__scalemartStack?.stop();
}
