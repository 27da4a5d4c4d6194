import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ScaleMart } from '../system/scaleMart.js';
import { installationSecrets } from './installationSecrets.js';

/**
 * `npm start`: the servers (kept under .scalemart/data), then every built service, until Ctrl-C.
 * `--web <dir>` is the web app's build the gateway serves (the root script passes web/dist).
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const { values: args } = parseArgs({ options: { web: { type: 'string' } } });
const stateDir = path.join(repoRoot, '.scalemart');
// Checked before the secrets are made: a store from before them keeps its admin's old password.
const storePredatesSecrets = existsSync(path.join(stateDir, 'data'));
const installation = installationSecrets(stateDir);
/** This machine only unless HOST says otherwise (e.g. HOST=0.0.0.0 to show the shop on a LAN). */
const host = process.env.HOST ?? '127.0.0.1';
const admin = {
  email: process.env.ADMIN_EMAIL ?? 'admin@scalemart.local',
  password: process.env.ADMIN_PASSWORD ?? installation.secrets.adminPassword,
};

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

/** The gateway at the usual port: the URL a newcomer opens. */
const localOrigin = (system: ScaleMart) => system.origin.replace('127.0.0.1', 'localhost');

function describe(system: ScaleMart): void {
  console.log('ScaleMart servers:');
  for (const server of system.servers.processes) {
    console.log(
      `  ${server.name.padEnd(12)} ${server.url.padEnd(32)} ${server.program} (pid ${server.pid})`,
    );
  }
  if (system.servers.processes.length === 0)
    console.log(`  external: ${JSON.stringify(system.servers.urls)}`);
  console.log('ScaleMart services:');
  for (const service of system.services) {
    console.log(
      `  ${service.name.padEnd(12)} http://localhost:${service.port}  (pid ${service.pid})`,
    );
  }
  console.log(`  gateway      ${localOrigin(system)}  (web, /api, Socket.IO on one origin)`);
}

let starting: Promise<ScaleMart> | undefined;
let stopping = false;
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping…');
  // Ctrl-C while starting waits for the start, which undoes itself when it fails.
  const system = await starting?.catch(() => undefined);
  await system?.stop();
  console.log('stopped: every server and service is down');
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop(0));

/** A newcomer sees a working shop at once: on an empty store, a demo sale and its admin. */
async function seed(system: ScaleMart): Promise<void> {
  try {
    const outcome = await system.seedDemo();
    console.log(
      outcome.seeded
        ? `demo sale seeded: ${outcome.products.join(', ')}`
        : `demo seed skipped: ${outcome.reason}`,
    );
  } catch (error) {
    console.error(`demo seed failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  console.log(`admin: ${system.admin.email} / ${adminPasswordLine()}  (sales floor at /#/admin)`);
}

/** The generated password is printed once, when it is made; afterwards, where it is kept. */
function adminPasswordLine(): string {
  if (process.env.ADMIN_PASSWORD) return '(ADMIN_PASSWORD)';
  if (installation.created && storePredatesSecrets) {
    return 'the password it had before (this store predates .scalemart/secrets.json; delete .scalemart/data for a fresh one)';
  }
  if (installation.created) return `${admin.password}  (kept in ${installation.file})`;
  return `the password in ${installation.file}`;
}

starting = ScaleMart.start({
  kind: process.env.SCALEMART_STACK === 'external' ? 'external' : 'local',
  local: {
    dataDir: path.join(repoRoot, '.scalemart', 'data'),
    ports: await preferredPorts(),
    redisAppendFsync: 'always',
  },
  ports: 'usual',
  host,
  ...(args.web ? { webDir: path.resolve(args.web) } : {}),
  admin,
  // One secret per installation (not per start): tokens outlive a restart.
  env: { JWT_SECRET: process.env.JWT_SECRET ?? installation.secrets.jwtSecret, HOST: host },
  // Two query-apis split the screens: one process holds at most ~19,900 sockets under a 20,000
  // descriptor limit, and the gateway hands each websocket over instead of holding it (README).
  queryApis: Number(process.env.SCALEMART_QUERY_APIS ?? 2),
  namespace: false,
  logs: 'terminal',
  onUnexpectedExit: (service, code) => {
    if (stopping) return;
    console.error(`${service} exited (code ${code}); stopping the rest`);
    void stop(1);
  },
});
try {
  const system = await starting;
  if (!stopping) {
    describe(system);
    await seed(system);
    if (!stopping) console.log(`ready: open ${localOrigin(system)}. Ctrl-C stops everything.`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await stop(1);
}
