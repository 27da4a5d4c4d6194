import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { forgetStack, recordStack } from '@scalemart/testkit';

/**
 * Every service process this Node process started and that still runs. Two nets under `stop()`:
 * on exit (a test file that failed before its afterAll, a worker jest shuts down) each is killed
 * at once; and the stack registry notes their PIDs, so the next start reaps them if this process
 * died by SIGKILL and no exit hook ran.
 */
const live = new Set<ChildProcess>();
/** Servers a ScaleMart started itself (their PIDs change when a fault test restarts one). */
const serverPids = new Set<() => readonly number[]>();
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
    for (const pids of serverPids) for (const pid of pids()) killQuietly(pid);
    forgetStack(registryId);
  });
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Kills these servers too if this process exits without stopping them; returns the release. */
export function killServersOnExit(pids: () => readonly number[]): () => void {
  hookExit();
  serverPids.add(pids);
  return () => serverPids.delete(pids);
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
