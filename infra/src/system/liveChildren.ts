import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { forgetStack, recordStack } from '../stack/processRegistry.js';

/**
 * Every service process this Node process started and that still runs. Two nets under `stop()`:
 * on exit (a test file that failed before its afterAll, a worker jest shuts down) each is killed
 * at once; and the stack registry notes their PIDs, so the next start reaps them if this process
 * died by SIGKILL and no exit hook ran.
 */
const live = new Set<ChildProcess>();
const registryId = `services-${process.pid}-${randomBytes(3).toString('hex')}`;

function note(): void {
  const servers = [...live].flatMap((child) =>
    child.pid ? [{ pid: child.pid, program: process.execPath }] : [],
  );
  if (servers.length === 0) forgetStack(registryId);
  else recordStack(registryId, { ownerPid: process.pid, servers, tempDirs: [] });
}

let hooked = false;
function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const child of live) child.kill('SIGKILL');
    forgetStack(registryId);
  });
}

/** Tracks a service from its spawn until it exits. */
export function trackChild(child: ChildProcess): void {
  hookExit();
  live.add(child);
  note();
  child.once('exit', () => {
    live.delete(child);
    note();
  });
}

/** The PIDs of the service processes still running (tests prove shutdown with it). */
export const livePids = (): number[] =>
  [...live].flatMap((child) => (child.pid ? [child.pid] : []));
