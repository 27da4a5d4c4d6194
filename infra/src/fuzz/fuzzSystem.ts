import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_ADMIN, BenchSystem } from '../bench/benchSystem.js';
import { startGateway, type RunningGateway } from '../gateway/startGateway.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface FuzzTarget {
  /** The one origin (gateway) in front of both APIs. */
  origin: string;
  commandApiUrl: string;
  queryApiUrl: string;
  adminToken: string;
  shopperToken: string;
  logDir: string;
  stop(): Promise<void>;
}

async function token(origin: string, route: string, body: object): Promise<string> {
  const res = await fetch(`${origin}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${route} answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/**
 * The running system schemathesis probes: local servers, the three services as processes (built
 * dist, as `npm start` runs them) in a namespace of their own, and the one-origin gateway.
 */
export async function startFuzzSystem(): Promise<FuzzTarget> {
  const system = await BenchSystem.start({ external: false, chaos: false, commandApis: 1 });
  let gateway: RunningGateway | undefined;
  try {
    gateway = await startGateway({
      port: 0,
      host: '127.0.0.1',
      commandApiUrl: system.commandApis[0]!.url,
      queryApiUrl: system.queryApi.url,
      staticDir: path.join(repoRoot, 'web', 'dist'),
    });
    const origin = `http://127.0.0.1:${gateway.port}`;
    const shopper = {
      email: `fuzz-${Date.now()}@scalemart.test`,
      password: 'fuzz-shopper-password',
    };
    return {
      origin,
      commandApiUrl: system.commandApis[0]!.url,
      queryApiUrl: system.queryApi.url,
      adminToken: await token(origin, '/api/auth/login', BENCH_ADMIN),
      shopperToken: await token(origin, '/api/auth/signup', shopper),
      logDir: system.logDir,
      stop: async () => {
        await gateway?.close();
        await system.stop();
      },
    };
  } catch (error) {
    await gateway?.close();
    await system.stop();
    throw error;
  }
}
