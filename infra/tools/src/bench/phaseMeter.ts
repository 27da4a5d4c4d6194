import { readFileSync } from 'node:fs';
import type { Stack } from '@scalemart/testkit';
import { pressureBetween, readStalls, type LoadPressure } from './pressure.js';

/** What one phase of a scenario cost the machine: CPU per process, and how contended it was. */
export interface PhaseCost {
  /** CPU seconds of this process (the bench, with the processors in it) and each server. */
  cpuSeconds: Record<string, number>;
  /** Share of the phase some task on the machine waited for a core (shared machine: read it first). */
  pressure: LoadPressure | null;
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

function cpuOfPid(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return Number.NaN; // not a local process (external stack)
  }
}

function cpuNow(stack: Stack): Record<string, number> {
  const { user, system } = process.cpuUsage();
  const servers = stack.processes.map(({ program, pid }): [string, number] => [
    program.split('/').at(-1)!,
    cpuOfPid(pid),
  ]);
  return {
    node: (user + system) / 1e6,
    ...(Object.fromEntries(servers) as Record<string, number>),
  };
}

/** Starts measuring a phase; the returned function ends it. */
export function meterPhase(stack: Stack): () => PhaseCost {
  const cpu = cpuNow(stack);
  const stalls = readStalls();
  return () => {
    const now = cpuNow(stack);
    const cpuSeconds = Object.fromEntries(
      Object.entries(now).map(([name, seconds]) => [
        name,
        Math.round((seconds - (cpu[name] ?? 0)) * 100) / 100,
      ]),
    );
    return { cpuSeconds, pressure: pressureBetween(stalls, readStalls()) };
  };
}
