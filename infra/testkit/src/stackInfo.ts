import type { ServerProcess, StackKind, StackUrls } from './stack/types.js';

/** What jest's globalSetup tells the test workers about the stack it started. */
export interface StackInfo {
  kind: StackKind;
  urls: StackUrls;
  natsMonitorUrl: string | undefined;
  processes: ServerProcess[];
}

export const STACK_ENV = 'SCALEMART_TEST_STACK';

/** The stack the run's globalSetup started; throws if the package's jest config has none. */
export function testStack(): StackInfo {
  const raw = process.env[STACK_ENV];
  if (!raw) {
    throw new Error(
      `${STACK_ENV} is not set: add globalSetup/globalTeardown from @scalemart/testkit to jest.config`,
    );
  }
  return JSON.parse(raw) as StackInfo;
}
