import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ScaleMart } from '@scalemart/tools';
import { testStack } from '@scalemart/testkit';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser.js';

export type { ScaleMart };

const E2E_DIR = path.dirname(fileURLToPath(import.meta.url));
export const ARTIFACTS = path.join(E2E_DIR, 'artifacts');
/** web's build (`vite build` runs before the browser tests): the files the gateway serves. */
export const WEB_DIST = path.join(E2E_DIR, '..', 'dist');

export const ADMIN = { email: 'floor@e2e.test', password: 'e2e-admin-password' };

/**
 * The whole system on the testkit's stack, in a namespace of its own: the three built services
 * and the one-origin gateway serving web/dist, their logs in e2e/artifacts.
 */
export async function startSystem(): Promise<ScaleMart> {
  await mkdir(ARTIFACTS, { recursive: true });
  return ScaleMart.start({
    servers: testStack(),
    webDir: WEB_DIST,
    admin: ADMIN,
    logs: ARTIFACTS,
    env: { NODE_ENV: 'test', LOG_LEVEL: 'warn', HOST: '127.0.0.1' },
    serviceEnv: {
      'command-api': { BCRYPT_COST: '4' },
      // A payment that takes a moment, and never fails: the shopper must see pending, then confirmed.
      processors: { PAYMENT_LATENCY_MS: '1500', PAYMENT_FAILURE_RATE: '0' },
    },
  });
}

/**
 * One spec file's system and browser: started before its tests (then `seed`, if given), and
 * stopped after them, whether they passed or not.
 */
export function systemAndBrowser(seed?: (origin: string) => Promise<unknown>): {
  readonly system: ScaleMart;
  readonly browser: Browser;
} {
  const suite = {} as { system: ScaleMart; browser: Browser };
  beforeAll(async () => {
    suite.system = await startSystem();
    await seed?.(suite.system.origin);
    suite.browser = await launchChromium();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.system?.stop();
  });
  return suite;
}
