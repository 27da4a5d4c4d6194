import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { shopNaming, type ShopNaming } from '@scalemart/contracts';
import { startGateway, type RunningGateway } from '../gateway/startGateway.js';
import { type Stack, startStack } from '@scalemart/testkit';
import { authToken } from './authTokens.js';
import { seedDemo, type SeedOutcome } from './seedDemo.js';
import type { RunningServers, ScaleMartOptions } from './scaleMartOptions.js';
import type { ServiceProcess } from './serviceProcess.js';
import { builtEntry, DEMO_ADMIN, SERVICE_KINDS, USUAL_PORTS } from './services.js';
import { killServersOnExit } from './liveChildren.js';
import { makeServices, systemEnv } from './systemServices.js';

export type { RunningServers, ScaleMartOptions } from './scaleMartOptions.js';
export { MissingBuildError } from './services.js';

/**
 * The whole ScaleMart system: servers, every service as a real process (its port, environment,
 * readiness wait and log), the gateway. One launcher for npm start, the bench, the browser tests,
 * the fuzz step and other projects' suites; `stop()` leaves no process behind.
 */
export class ScaleMart implements AsyncDisposable {
  #gateway: RunningGateway | undefined;
  #stopped: Promise<void> | undefined;
  #releaseServers: () => void;
  seedOutcome: SeedOutcome | undefined;

  private constructor(
    readonly servers: RunningServers,
    private readonly ownStack: Stack | undefined,
    readonly namespace: string,
    readonly env: Readonly<Record<string, string>>,
    readonly services: readonly ServiceProcess[],
    readonly admin: { email: string; password: string },
    readonly logDir: string | undefined,
  ) {
    const own = ownStack;
    this.#releaseServers = own
      ? killServersOnExit(() => own.processes.map((server) => server.pid))
      : () => {};
  }

  static async start(options: ScaleMartOptions = {}): Promise<ScaleMart> {
    for (const kind of SERVICE_KINDS) builtEntry(kind);
    const ownStack = options.servers
      ? undefined
      : await startStack({ ...options.local, ...(options.kind ? { kind: options.kind } : {}) });
    const servers = options.servers ?? ownStack!;
    const namespace = options.namespace === false ? '' : `s${randomBytes(5).toString('hex')}`;
    const admin = options.admin ?? DEMO_ADMIN;
    const env = systemEnv(servers.urls, namespace, options.env);
    const logDir =
      options.logs === 'terminal'
        ? undefined
        : (options.logs ?? mkdtempSync(path.join(tmpdir(), 'scalemart-')));
    const services = makeServices(options, { env, admin, logDir });
    const system = new ScaleMart(servers, ownStack, namespace, env, services, admin, logDir);
    try {
      await system.#startAll(options);
    } catch (error) {
      await system.stop();
      throw error;
    }
    return system;
  }

  async #startAll(options: ScaleMartOptions): Promise<void> {
    const [first, ...rest] = this.services;
    // The first command-api creates the stream and the admin; the others then start in parallel.
    await first!.start();
    await Promise.all(rest.map((service) => service.start()));
    if (options.gateway !== false) {
      this.#gateway = await startGateway({
        port:
          options.ports === 'usual' ? Number(process.env.GATEWAY_PORT ?? USUAL_PORTS.gateway) : 0,
        host: options.host ?? '127.0.0.1',
        commandApiUrl: this.service('command-api').url,
        queryApiUrl: this.service('query-api').url,
        ...(options.webDir ? { staticDir: options.webDir } : {}),
        socketReceivers: () => this.queryApis,
      });
    }
    if (options.seed) this.seedOutcome = await this.seedDemo();
  }

  get naming(): ShopNaming {
    return shopNaming(this.namespace);
  }
  get commandApis(): ServiceProcess[] {
    return this.services.filter((s) => s.name.startsWith('command-api'));
  }
  get queryApis(): ServiceProcess[] {
    return this.services.filter((s) => s.name.startsWith('query-api'));
  }

  /** The gateway's URL: the one origin a browser opens (web, /api, Socket.IO). */
  get origin(): string {
    if (!this.#gateway) throw new Error('this ScaleMart runs without its gateway (gateway: false)');
    return `http://127.0.0.1:${this.#gateway.port}`;
  }

  /** Where everything answers; `gateway` is the one origin a browser opens. */
  get urls() {
    return {
      gateway: this.#gateway ? `http://127.0.0.1:${this.#gateway.port}` : undefined,
      commandApi: this.service('command-api').url,
      queryApi: this.service('query-api').url,
      processors: this.service('processors').url,
      ...this.servers.urls,
    };
  }

  /** One service by name: `command-api` (the first), `command-api-2`, `query-api`, `processors`. */
  service(name: string): ServiceProcess {
    const found = this.services.find((s) => s.name === name);
    if (!found)
      throw new Error(
        `no service "${name}"; there are ${this.services.map((s) => s.name).join(', ')}`,
      );
    return found;
  }

  /** A crash (SIGKILL, the default) or a graceful stop (SIGTERM) of one service. */
  kill(name: string, signal: 'SIGKILL' | 'SIGTERM' = 'SIGKILL'): Promise<void> {
    return this.service(name).kill(signal);
  }

  /** Brings a service back on its port (killing it first if it runs) and waits until healthy. */
  restart(name: string): Promise<void> {
    return this.service(name).restart();
  }

  /** PIDs worth measuring: every service and every server this system runs on. */
  pids(): { name: string; pid: number }[] {
    const services = this.services.flatMap((s) => (s.pid ? [{ name: s.name, pid: s.pid }] : []));
    return [...services, ...this.servers.processes.map((s) => ({ name: s.program, pid: s.pid }))];
  }

  /** A token of the system's admin. */
  adminToken(): Promise<string> {
    return authToken(this.urls.commandApi, 'login', this.admin);
  }

  /** Signs up a new shopper (a fresh email unless given) and returns its token. */
  shopperToken(
    email = `shopper-${randomBytes(6).toString('hex')}@scalemart.test`,
  ): Promise<string> {
    return authToken(this.urls.commandApi, 'signup', { email, password: 'shopper-password-1' });
  }

  seedDemo(): Promise<SeedOutcome> {
    return seedDemo({
      commandApiUrl: this.urls.commandApi,
      queryApiUrl: this.urls.queryApi,
      admin: this.admin,
    });
  }

  /** Stops the gateway, every service (SIGTERM, then SIGKILL) and the servers it started. */
  stop(): Promise<void> {
    this.#stopped ??= (async () => {
      await this.#gateway?.close();
      // 10 s, as each service's own forced exit: a query-api closing ~10,000 sockets needs 4-8 s.
      await Promise.all(this.services.map((service) => service.kill('SIGTERM', 10_000)));
      for (const service of this.services) service.closeLog();
      await this.ownStack?.stop();
      this.#releaseServers();
    })();
    return this.#stopped;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}
