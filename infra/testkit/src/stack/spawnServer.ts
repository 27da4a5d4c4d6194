import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface SpawnedServer {
  readonly program: string;
  readonly pid: number;
  readonly logFile: string;
  /** SIGTERM, then SIGKILL after the grace period; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL at once, as a crash would (fault tests). */
  kill(): Promise<void>;
  readonly exited: Promise<number | null>;
}

export class ServerStartError extends Error {
  override readonly name = 'ServerStartError';
}

const tail = (file: string) => {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '(no log)';
  }
};

function watchExit(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

/**
 * Starts a server process with its output in `<logDir>/<name>.log`, and resolves once `ready`
 * returns true. Fails with the log's tail if the process exits or the deadline passes.
 */
export async function spawnServer(options: {
  name: string;
  program: string;
  args: string[];
  logDir: string;
  ready: () => Promise<boolean>;
  timeoutMs?: number;
}): Promise<SpawnedServer> {
  const logFile = path.join(options.logDir, `${options.name}.log`);
  const log = openSync(logFile, 'a');
  const child = spawn(options.program, options.args, { stdio: ['ignore', log, log] });
  closeSync(log);
  const exited = watchExit(child);
  let gone = false;
  void exited.then(() => (gone = true));

  const signal = async (name: NodeJS.Signals, graceMs: number) => {
    if (gone) return;
    child.kill(name);
    // An unref'd timer: a quick exit must not keep the event loop alive for the whole grace period.
    const result = await Promise.race([
      exited.then(() => true),
      sleep(graceMs, undefined, { ref: false }).then(() => false),
    ]);
    if (!result) {
      child.kill('SIGKILL');
      await exited;
    }
  };
  const server: SpawnedServer = {
    program: options.program,
    pid: child.pid ?? -1,
    logFile,
    exited,
    stop: (graceMs = 5_000) => signal('SIGTERM', graceMs),
    kill: () => signal('SIGKILL', 5_000),
  };

  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  while (Date.now() < deadline) {
    if (gone) {
      throw new ServerStartError(`${options.name} exited while starting:\n${tail(logFile)}`);
    }
    if (await options.ready().catch(() => false)) return server;
    await sleep(50);
  }
  await server.stop();
  throw new ServerStartError(`${options.name} did not become ready in time:\n${tail(logFile)}`);
}
