import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync, type WriteStream } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ServiceProcessOptions {
  /** e.g. `command-api-1`. */
  name: string;
  /** Absolute path of the built entry (`<pkg>/dist/main.js`). */
  entry: string;
  port: number;
  env: Record<string, string>;
  /** Where stdout and stderr go (appended across restarts). */
  logFile: string;
  cpuProfDir?: string;
}

export class ServiceStartError extends Error {
  override readonly name = 'ServiceStartError';
}

/**
 * One ScaleMart service the bench runs as a real process, so a fault is a real `kill -9` and the
 * figures include every byte it parses. Restart keeps the same port and environment.
 */
export class ServiceProcess {
  #child: ChildProcess | undefined;
  #log: WriteStream;
  #exits = 0;

  constructor(readonly options: ServiceProcessOptions) {
    this.#log = createWriteStream(options.logFile, { flags: 'a' });
  }

  get name() {
    return this.options.name;
  }
  get url() {
    return `http://127.0.0.1:${this.options.port}`;
  }
  get pid(): number | undefined {
    return this.#child?.exitCode === null ? this.#child.pid : undefined;
  }
  get running() {
    return (
      this.#child !== undefined && this.#child.exitCode === null && this.#child.signalCode === null
    );
  }
  /** Unexpected exits so far (a crash we caused is not counted). */
  get unexpectedExits() {
    return this.#exits;
  }

  async start(timeoutMs = 20_000): Promise<void> {
    const profile = this.options.cpuProfDir
      ? ['--cpu-prof', `--cpu-prof-dir=${this.options.cpuProfDir}`]
      : [];
    const child = spawn(
      process.execPath,
      [...profile, '--enable-source-maps', this.options.entry],
      {
        env: { ...process.env, ...this.options.env, PORT: String(this.options.port) },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout.pipe(this.#log, { end: false });
    child.stderr.pipe(this.#log, { end: false });
    this.#child = child;
    child.once('exit', (code, signal) => {
      if (this.#child === child && signal !== 'SIGKILL' && signal !== 'SIGTERM') this.#exits += 1;
      this.#log.write(`--- ${this.name} exited (code ${code}, signal ${signal})\n`);
    });
    await this.#waitListening(child, timeoutMs);
  }

  /** Ready once its port answers HTTP at all (any status): every service listens last. */
  async #waitListening(child: ChildProcess, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) {
        throw new ServiceStartError(
          `${this.name} exited with code ${child.exitCode}:\n${this.logTail()}`,
        );
      }
      try {
        await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(500) });
        return;
      } catch {
        await sleep(50);
      }
    }
    throw new ServiceStartError(
      `${this.name} did not listen on ${this.options.port} in ${timeoutMs} ms:\n${this.logTail()}`,
    );
  }

  /** A crash: SIGKILL, no shutdown hook runs. */
  async kill9(): Promise<void> {
    await this.#signal('SIGKILL');
  }

  async restart(): Promise<void> {
    await this.kill9();
    await this.start();
  }

  /** Graceful stop (SIGTERM), then SIGKILL after a grace period. */
  async stop(graceMs = 5_000): Promise<void> {
    const child = this.#child;
    if (!child || !this.running) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }

  async #signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.#child;
    if (!child || !this.running) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
  }

  logTail(lines = 30): string {
    try {
      return readFileSync(this.options.logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }

  closeLog(): void {
    this.#log.end();
  }
}
