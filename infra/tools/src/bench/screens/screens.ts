import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { trackChild } from '../../system/liveChildren.js';
import type { ScreenArrivals, WorkerCommand, WorkerReport } from './screenMessages.js';

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** The built worker (the bench and its tests run the build). */
const WORKER = path.join(packageRoot, 'dist/bench/screens/screenWorker.js');

export interface ScreensOptions {
  /** The one origin (the gateway), or a query-api directly. */
  url: string;
  productId: string;
  count: number;
  /** Screens per child process: each holds one descriptor per screen, under the process's limit. */
  perProcess?: number;
  /** Handshakes in flight per process. */
  concurrency?: number;
  timeoutMs?: number;
}

export interface ScreensReport {
  connected: number;
  disconnects: number;
  arrivals: ScreenArrivals[];
  pushes: Map<number, { eventAt: string; available: number }>;
}

/** One screen process: commands out, its answers in order (one question of a kind at a time). */
class ScreenProcess {
  readonly #waiting = new Map<
    WorkerReport['type'],
    { resolve: (report: WorkerReport) => void; reject: (error: Error) => void }
  >();
  constructor(readonly child: ChildProcess) {
    child.on('message', (report: WorkerReport) => {
      this.#waiting.get(report.type)?.resolve(report);
      this.#waiting.delete(report.type);
    });
    child.once('exit', (code) => {
      for (const { reject } of this.#waiting.values())
        reject(new Error(`a screen process exited (${code})`));
      this.#waiting.clear();
    });
  }
  ask<T extends WorkerReport['type']>(
    command: WorkerCommand | undefined,
    answer: T,
  ): Promise<Extract<WorkerReport, { type: T }>> {
    return new Promise((resolve, reject) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null)
        return reject(new Error('a screen process is gone'));
      this.#waiting.set(answer, { resolve: resolve as (report: WorkerReport) => void, reject });
      if (command) this.child.send(command);
    });
  }
}

/**
 * N anonymous screens watching one product, spread over child processes (a process holds at most
 * `perProcess` sockets) and over loopback source addresses 127.0.0.2, 127.0.0.3, ... (one per
 * process), so neither a descriptor limit nor a source address's ephemeral ports is what breaks.
 */
export class Screens {
  private constructor(private readonly processes: ScreenProcess[]) {}

  static async open(options: ScreensOptions): Promise<{ screens: Screens; failed: number }> {
    const perProcess = options.perProcess ?? 5_000;
    const shares = Array.from({ length: Math.ceil(options.count / perProcess) }, (_, i) =>
      Math.min(perProcess, options.count - i * perProcess),
    );
    const processes = shares.map(() => {
      const child = fork(WORKER, [], { serialization: 'advanced', stdio: 'inherit' });
      trackChild(child);
      return new ScreenProcess(child);
    });
    const screens = new Screens(processes);
    try {
      await Promise.all(processes.map((p) => p.ask(undefined, 'ready')));
      const opened = await Promise.all(
        processes.map((p, i) =>
          p.ask(
            {
              type: 'open',
              url: options.url,
              productId: options.productId,
              count: shares[i]!,
              localAddress: `127.0.0.${2 + (i % 250)}`,
              concurrency: options.concurrency ?? 64,
              timeoutMs: options.timeoutMs ?? 20_000,
            },
            'opened',
          ),
        ),
      );
      return { screens, failed: opened.reduce((sum, o) => sum + o.failed, 0) };
    } catch (error) {
      screens.close();
      throw error;
    }
  }

  /** What every screen saw so far (each process answers once it is asked). */
  async report(): Promise<ScreensReport> {
    const reports = await Promise.all(
      this.processes.map((p) => p.ask({ type: 'report' }, 'report')),
    );
    return {
      connected: reports.reduce((sum, r) => sum + r.connected, 0),
      disconnects: reports.reduce((sum, r) => sum + r.disconnects, 0),
      arrivals: reports.flatMap((r) => r.arrivals),
      pushes: new Map(reports.flatMap((r) => r.pushes)),
    };
  }

  /** Screens showing `atLeast` or newer, and screens connected now. */
  async count(atLeast: number): Promise<{
    showing: number;
    connected: number;
    behind: { versions: number[]; sessions: number }[];
  }> {
    const counts = await Promise.all(
      this.processes.map((p) => p.ask({ type: 'count', atLeast }, 'count')),
    );
    return {
      showing: counts.reduce((sum, c) => sum + c.showing, 0),
      connected: counts.reduce((sum, c) => sum + c.connected, 0),
      behind: counts.flatMap((c) => c.behind).slice(0, 5),
    };
  }

  /** Waits until every connected screen shows `atLeast` or newer (false at the deadline). */
  async allShowing(atLeast: number, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { showing, connected, behind } = await this.count(atLeast);
      if (showing >= connected) return true;
      if (Date.now() > deadline) {
        console.error(
          `screens: ${connected - showing} connected screens never showed version ${atLeast}; some of them saw ${JSON.stringify(behind)}`,
        );
        return false;
      }
      await sleep(250);
    }
  }

  get pids(): number[] {
    return this.processes.flatMap((p) => (p.child.pid ? [p.child.pid] : []));
  }

  close(): void {
    for (const p of this.processes) {
      if (p.child.connected) p.child.send({ type: 'close' } satisfies WorkerCommand);
      const timer = setTimeout(() => p.child.kill('SIGKILL'), 5_000).unref();
      p.child.once('exit', () => clearTimeout(timer));
    }
  }
}
