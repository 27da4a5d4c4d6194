import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A note on disk of the servers each local stack started, so a later start can clean up after a
 * test run that crashed before its teardown: it kills exactly those processes (the PID must still
 * run the same program) and removes their temp dirs.
 */
const registryDir = () => path.join(tmpdir(), 'scalemart-stacks');

interface Entry {
  ownerPid: number;
  servers: { pid: number; program: string }[];
  tempDirs: string[];
}

/** Whether a process with this PID still runs (signal 0 only asks). */
export const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const runs = (pid: number, program: string) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] === program;
  } catch {
    return false;
  }
};

const entryFile = (id: string) => path.join(registryDir(), `${id}.json`);

/** Writes (or rewrites, after a restart) the note for one stack. */
export function recordStack(id: string, entry: Entry): void {
  mkdirSync(registryDir(), { recursive: true });
  writeFileSync(entryFile(id), JSON.stringify(entry));
}

/** Removes the note of a stack that stopped cleanly. */
export function forgetStack(id: string): void {
  rmSync(entryFile(id), { force: true });
}

/** Cleans up after stacks whose owning process died without stopping them. */
export function reapOrphanedStacks(): number {
  let reaped = 0;
  let files: string[];
  try {
    files = readdirSync(registryDir());
  } catch {
    return 0;
  }
  for (const name of files) {
    const file = path.join(registryDir(), name);
    let entry: Entry;
    try {
      entry = JSON.parse(readFileSync(file, 'utf8')) as Entry;
    } catch {
      rmSync(file, { force: true });
      continue;
    }
    if (alive(entry.ownerPid)) continue;
    for (const server of entry.servers) {
      if (runs(server.pid, server.program)) process.kill(server.pid, 'SIGKILL');
    }
    for (const dir of entry.tempDirs) rmSync(dir, { recursive: true, force: true });
    rmSync(file, { force: true });
    reaped += 1;
  }
  return reaped;
}
