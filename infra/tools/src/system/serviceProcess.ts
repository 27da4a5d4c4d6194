import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync, type WriteStream } from 'node:fs';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { HandedSocketMessage } from '@scalemart/runtime/service';
import { freePort } from '@scalemart/testkit';
import { trackChild } from './liveChildren.js';
import { pipeServiceLogs, prettyLogs } from './serviceLogs.js';

export interface ServiceProcessOptions {
  /** e.g. `command-api`, `command-api-2`. */
  name: string;
  /** Absolute path of the built entry (`<pkg>/dist/main.js`). */
  entry: string;
  /** 0: a free port, taken at the first start (a port picked long before is more likely taken by then). */
  port: number;
  env: Record<string, string>;
  /** Where stdout and stderr go (appended across restarts); without it, to this terminal. */
  logFile?: string;
  cpuProfDir?: string;
  /** An IPC channel, so the gateway can hand client connections over (query-api serves them). */
  acceptsSockets?: boolean;
  /** Called when it exits without being asked to (a crash, or a start that fails). */
  onUnexpectedExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
}

export class ServiceStartError extends Error {
  override readonly name = 'ServiceStartError';
}

/**
 * One ScaleMart service as a real process, so a fault is a real `kill -9` and a test sees every
 * byte it parses. A restart keeps the same port and environment.
 */
export class ServiceProcess {
  #child: ChildProcess | undefined;
  #log: WriteStream | undefined;
  #exits = 0;
  #stopping = false;
  #healthy = false;
  #port: number;

  constructor(readonly options: ServiceProcessOptions) {
    this.#port = options.port;
    if (options.logFile) this.#log = createWriteStream(options.logFile, { flags: 'a' });
  }

  get name() {
    return this.options.name;
  }
  get port() {
    return this.#port;
  }
  get url() {
    return `http://127.0.0.1:${this.#port}`;
  }
  get pid(): number | undefined {
    return this.running ? this.#child!.pid : undefined;
  }
  get running() {
    return (
      this.#child !== undefined && this.#child.exitCode === null && this.#child.signalCode === null
    );
  }
  /** Unexpected exits so far (a kill we asked for is not counted). */
  get unexpectedExits() {
    return this.#exits;
  }

  async start(timeoutMs = 30_000): Promise<void> {
    if (this.running) return;
    this.#stopping = false;
    if (this.#port === 0) this.#port = await freePort();
    const profile = this.options.cpuProfDir
      ? ['--cpu-prof', `--cpu-prof-dir=${this.options.cpuProfDir}`]
      : [];
    const pretty = !this.#log && prettyLogs();
    const stdio: ('ignore' | 'pipe' | 'inherit' | 'ipc')[] =
      this.#log || pretty
        ? ['ignore', 'pipe', this.#log ? 'pipe' : 'inherit']
        : ['ignore', 'inherit', 'inherit'];
    if (this.options.acceptsSockets) stdio.push('ipc');
    const child = spawn(
      process.execPath,
      [...profile, '--enable-source-maps', this.options.entry],
      {
        env: { ...process.env, ...this.options.env, PORT: String(this.#port) },
        stdio,
      },
    );
    trackChild(child);
    if (this.#log) {
      child.stdout?.pipe(this.#log, { end: false });
      child.stderr?.pipe(this.#log, { end: false });
    } else if (pretty) pipeServiceLogs(child);
    this.#child = child;
    child.once('exit', (code, signal) => {
      this.#log?.write(`--- ${this.name} exited (code ${code}, signal ${signal})\n`);
      if (this.#child !== child || this.#stopping) return;
      this.#exits += 1;
      this.options.onUnexpectedExit?.(code, signal);
    });
    this.#healthy = false;
    await this.#waitHealthy(child, timeoutMs);
    this.#healthy = true;
  }

  /** Ready once /healthz answers 200: command-api and query-api listen last, processors once NATS is connected. */
  async #waitHealthy(child: ChildProcess, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new ServiceStartError(
          `${this.name} exited with code ${child.exitCode}:\n${this.logTail()}`,
        );
      }
      const healthy = await fetch(`${this.url}/healthz`, {
        signal: AbortSignal.timeout(1_000),
      }).then(
        (res) => res.ok,
        () => false,
      );
      if (healthy) return;
      await sleep(50);
    }
    await this.kill('SIGKILL');
    throw new ServiceStartError(
      `${this.name} was not healthy on ${this.#port} in ${timeoutMs} ms:\n${this.logTail()}`,
    );
  }

  /** SIGKILL (a crash: no shutdown hook runs) or SIGTERM (a graceful stop, SIGKILL after 5 s). */
  async kill(signal: 'SIGKILL' | 'SIGTERM' = 'SIGKILL', graceMs = 5_000): Promise<void> {
    const child = this.#child;
    if (!child || !this.running) return;
    this.#stopping = true;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    const timer =
      signal === 'SIGTERM' ? setTimeout(() => child.kill('SIGKILL'), graceMs) : undefined;
    await exited;
    clearTimeout(timer);
  }

  /**
   * Gives a client's connection to this process with its descriptor (Node's IPC passes it); this
   * process closes its own copy once the child has it. false when it is not running or has no channel.
   */
  handOff(message: HandedSocketMessage, socket: Socket): boolean {
    const child = this.#child;
    if (!this.running || !this.#healthy || !child?.connected) return false;
    child.send(message, socket, { keepOpen: false }, (error) => {
      if (error) socket.destroy();
    });
    return true;
  }

  async restart(): Promise<void> {
    await this.kill('SIGKILL');
    await this.start();
  }

  logTail(lines = 30): string {
    if (!this.options.logFile) return '(logs on the terminal)';
    try {
      return readFileSync(this.options.logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }

  closeLog(): void {
    this.#log?.end();
  }
}
