import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalStack } from '../stack/local.js';
import { externalStack } from '../stack/external.js';
import type { Stack } from '../stack/types.js';
import { startGateway, type RunningGateway } from '../gateway/startGateway.js';
import { seedDemo } from './seedDemo.js';
import { pipeServiceLogs, prettyLogs, serviceStdio } from './serviceLogs.js';
import { DEMO_ADMIN, GATEWAY_PORT, SERVICES, SERVICE_URLS } from './services.js';

/** `npm start`: the servers (kept under .scalemart/data), then every built service, until Ctrl-C. */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = net.createServer().once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/** The usual ports when they are free, so other tools find the servers where they expect them. */
async function preferredPorts() {
  const wanted = { nats: 4222, redis: 6379, mongo: 27017 } as const;
  const ports: Partial<Record<keyof typeof wanted, number>> = {};
  for (const [name, port] of Object.entries(wanted) as [keyof typeof wanted, number][]) {
    if (await portFree(port)) ports[name] = port;
  }
  return ports;
}

async function startServers(): Promise<Stack> {
  if (process.env.SCALEMART_STACK === 'external') return externalStack();
  return LocalStack.start({
    dataDir: path.join(repoRoot, '.scalemart', 'data'),
    ports: await preferredPorts(),
    redisAppendFsync: 'always',
  });
}

function startService(stack: Stack, service: (typeof SERVICES)[number]): ChildProcess | undefined {
  const entry = path.join(repoRoot, service.entry);
  if (!existsSync(entry)) {
    console.log(`  ${service.name.padEnd(12)} not built (${service.entry}), skipped`);
    return undefined;
  }
  const pretty = prettyLogs();
  const child = spawn(process.execPath, ['--enable-source-maps', entry], {
    env: { ...process.env, ...service.env(stack.urls), PORT: String(service.port) },
    stdio: serviceStdio(pretty),
  });
  if (pretty) pipeServiceLogs(child);
  console.log(`  ${service.name.padEnd(12)} http://localhost:${service.port}  (pid ${child.pid})`);
  return child;
}

async function main() {
  const stack = await startServers();
  console.log('ScaleMart servers:');
  for (const server of stack.processes) {
    console.log(
      `  ${server.name.padEnd(12)} ${server.url.padEnd(32)} ${server.program} (pid ${server.pid})`,
    );
  }
  if (stack.processes.length === 0) console.log(`  external: ${JSON.stringify(stack.urls)}`);
  if (SERVICES.length > 0) console.log('ScaleMart services:');
  const children = SERVICES.map((service) => startService(stack, service));
  let gateway: RunningGateway | undefined;

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping…');
    await gateway?.close();
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (!child || child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
    await stack.stop();
    console.log('stopped: every server and service is down');
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  for (const child of children) {
    child?.once('exit', (code) => {
      if (!stopping) {
        console.error(`a service exited (code ${code}); stopping the rest`);
        void stop(1);
      }
    });
  }
  gateway = await startFrontDoor();
  if (children[0]) await seed();
  console.log(`ready: open ${gateway?.url ?? 'the services above'}. Ctrl-C stops everything.`);
}

/** The one origin: web's build, /api and Socket.IO on GATEWAY_PORT. */
async function startFrontDoor(): Promise<RunningGateway | undefined> {
  const staticDir = path.join(repoRoot, 'web', 'dist');
  if (!existsSync(path.join(staticDir, 'index.html')))
    console.log('  web          not built (web/dist), /api only');
  const gateway = await startGateway({
    port: GATEWAY_PORT,
    commandApiUrl: SERVICE_URLS.commandApi,
    queryApiUrl: SERVICE_URLS.queryApi,
    staticDir,
  }).catch((error: unknown) => {
    // A busy port must not leave the services running headless: report and carry on without it.
    console.error(
      `  gateway      not started: ${error instanceof Error ? error.message : String(error)}`,
    );
    return undefined;
  });
  if (!gateway) return undefined;
  console.log(
    `  gateway      http://localhost:${gateway.port}  (web, /api, Socket.IO on one origin)`,
  );
  return gateway;
}

/** A newcomer sees a working shop at once: on an empty store, a demo sale and its admin. */
async function seed(): Promise<void> {
  try {
    const outcome = await seedDemo({
      commandApiUrl: SERVICE_URLS.commandApi,
      queryApiUrl: SERVICE_URLS.queryApi,
      admin: DEMO_ADMIN,
    });
    console.log(
      outcome.seeded
        ? `demo sale seeded: ${outcome.products.join(', ')}`
        : `demo seed skipped: ${outcome.reason}`,
    );
    console.log(`admin: ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password}  (sales floor at /#/admin)`);
  } catch (error) {
    console.error(`demo seed failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
