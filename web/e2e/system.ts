import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startGateway, type RunningGateway } from '@scalemart/infra';
import { createTestNamespace, waitFor } from '@scalemart/infra/testkit';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
export const ARTIFACTS = path.join(here, 'artifacts');

export const ADMIN = { email: 'floor@e2e.test', password: 'e2e-admin-password' };

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

export interface RunningSystem {
  url: string;
  /** Stops one service (SIGTERM); `start` brings it back on the same port. */
  stopService(name: ServiceName): Promise<void>;
  startService(name: ServiceName): Promise<void>;
  stop(): Promise<void>;
}

export type ServiceName = 'command-api' | 'query-api' | 'processors';

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => (clearTimeout(kill), resolve()));
    child.kill('SIGTERM');
  });
}

/**
 * The whole system on the testkit's stack, in a namespace of its own: the three services as
 * `npm start` runs them (their built dist/main.js), and the one-origin gateway serving web/dist.
 */
export async function startSystem(): Promise<RunningSystem> {
  const ns = createTestNamespace();
  await mkdir(ARTIFACTS, { recursive: true });
  const [commandPort, queryPort, processorsPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const common = {
    ...process.env,
    NODE_ENV: 'test',
    ...ns.env,
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
  };
  const services: [ServiceName, number, Record<string, string>][] = [
    [
      'command-api',
      commandPort,
      { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, BCRYPT_COST: '4' },
    ],
    ['query-api', queryPort, {}],
    // A payment that takes a moment, and never fails: the shopper must see pending, then confirmed.
    ['processors', processorsPort, { PAYMENT_LATENCY_MS: '1500', PAYMENT_FAILURE_RATE: '0' }],
  ];
  const children = new Map<ServiceName, ChildProcess>();
  const spawnService = ([name, port, env]: (typeof services)[number]) => {
    const log = createWriteStream(path.join(ARTIFACTS, `${name}.log`), { flags: 'a' });
    const child = spawn(process.execPath, [path.join(repoRoot, name, 'dist/main.js')], {
      env: { ...common, ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    children.set(name, child);
  };
  const healthy = ([name, port]: (typeof services)[number]) =>
    waitFor(
      async () => {
        if (children.get(name)?.exitCode != null)
          throw new Error(`${name} exited, see e2e/artifacts/${name}.log`);
        return fetch(`http://127.0.0.1:${port}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
      },
      { timeoutMs: 30_000, what: `${name} /healthz` },
    );
  const definition = (name: ServiceName) => services.find(([n]) => n === name)!;
  services.forEach(spawnService);
  let gateway: RunningGateway | undefined;
  const stop = async () => {
    await gateway?.close();
    await Promise.all([...children.values()].map(stopChild));
  };
  try {
    for (const service of services) await healthy(service);
    gateway = await startGateway({
      port: 0,
      host: '127.0.0.1',
      commandApiUrl: `http://127.0.0.1:${commandPort}`,
      queryApiUrl: `http://127.0.0.1:${queryPort}`,
      staticDir: path.join(repoRoot, 'web', 'dist'),
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: `http://127.0.0.1:${gateway.port}`,
    stop,
    stopService: (name) => stopChild(children.get(name)!),
    startService: async (name) => {
      spawnService(definition(name));
      await healthy(definition(name));
    },
  };
}
