import { startStack } from './stack/startStack.js';
import type { Stack } from './stack/types.js';
import { STACK_ENV, type StackInfo } from './stackInfo.js';

/**
 * jest globalSetup: one stack per test run (measured: about a second for the local backend; per
 * file it would be paid by every file). Workers inherit its URLs through the environment, and
 * each test file takes its own namespace, so files never see each other's data.
 */
export default async function globalSetup(): Promise<void> {
  const stack = await startStack();
  const info: StackInfo = {
    kind: stack.kind,
    urls: stack.urls,
    natsMonitorUrl: stack.natsMonitorUrl,
    processes: [...stack.processes],
  };
  process.env[STACK_ENV] = JSON.stringify(info);
  (globalThis as { __scalemartStack?: Stack }).__scalemartStack = stack;
  // A test run interrupted with Ctrl-C still stops its servers.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void stack.stop().finally(() => process.exit(130)));
  }
}
