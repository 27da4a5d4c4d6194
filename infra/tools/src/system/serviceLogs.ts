import type { ChildProcess, StdioOptions } from 'node:child_process';
import { build as prettyStream } from 'pino-pretty';

/**
 * Services log JSON (one pino line per event). On a terminal `npm start` shows them readable
 * through pino-pretty; piped to a file or a collector they stay JSON. `LOG_FORMAT=json` or
 * `pretty` overrides the guess.
 */
export function prettyLogs(
  env: NodeJS.ProcessEnv = process.env,
  isTty = Boolean(process.stdout.isTTY),
): boolean {
  if (env.LOG_FORMAT === 'json') return false;
  if (env.LOG_FORMAT === 'pretty') return true;
  return isTty;
}

/** How a service's stdio is set up: stdout piped when it is to be pretty-printed. */
export const serviceStdio = (pretty: boolean): StdioOptions =>
  pretty ? ['ignore', 'pipe', 'inherit'] : 'inherit';

/** Pretty-prints a spawned service's JSON lines onto our stdout (other lines pass as they are). */
export function pipeServiceLogs(child: ChildProcess): void {
  child.stdout?.pipe(
    prettyStream({
      colorize: Boolean(process.stdout.isTTY),
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname,service',
      destination: process.stdout,
    }),
  );
}
