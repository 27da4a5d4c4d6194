import { readFileSync } from 'node:fs';

/** Linux pressure stall information: how long some task waited for a resource, µs since boot. */
interface StallTotals {
  cpu: number;
  io: number;
  at: number;
}

/** Share of the load phase during which some task on the machine waited for CPU or for IO, %. */
export interface LoadPressure {
  cpuSomePercent: number;
  ioSomePercent: number;
}

const someTotal = (resource: 'cpu' | 'io'): number => {
  const text = readFileSync(`/proc/pressure/${resource}`, 'utf8');
  return Number(/^some .*total=(\d+)/m.exec(text)?.[1] ?? Number.NaN);
};

/** The machine's stall totals now; undefined where the kernel has no PSI. */
export function readStalls(): StallTotals | undefined {
  try {
    return { cpu: someTotal('cpu'), io: someTotal('io'), at: performance.now() };
  } catch {
    return undefined;
  }
}

/**
 * Pressure between two readings. Near 100 % CPU means runnable tasks queued for a core nearly all
 * the time: every hop of a purchase (to Redis, to NATS, back) then waits its turn, and latency,
 * not any one process's CPU, caps a closed loop's throughput.
 */
export function pressureBetween(
  start: StallTotals | undefined,
  end: StallTotals | undefined,
): LoadPressure | null {
  if (!start || !end || end.at <= start.at) return null;
  const wallMicros = (end.at - start.at) * 1000;
  const percent = (stalled: number) => Math.round((stalled / wallMicros) * 1000) / 10;
  return {
    cpuSomePercent: percent(end.cpu - start.cpu),
    ioSomePercent: percent(end.io - start.io),
  };
}
