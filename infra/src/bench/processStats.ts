import { readFileSync } from 'node:fs';

export interface ProcessFigures {
  name: string;
  pid: number;
  /** Peak resident set (VmHWM), MB. */
  peakRssMb: number;
  /** CPU seconds (user + system) used during the measured window. */
  cpuSeconds: number;
  /** Average share of one core over the window, %. */
  cpuPercent: number;
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** utime + stime of a process, in seconds; undefined once it is gone. */
function cpuSecondsOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

function peakRssMbOf(pid: number): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 102.4) / 10 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Samples every process of the run (services, servers, the bench itself) from /proc: CPU used
 * between start() and finish(), and the peak RSS the kernel recorded. A process restarted by a
 * fault shows up under the same name with its new pid.
 */
export class ProcessStats {
  readonly #cpuAtStart = new Map<number, number>();
  readonly #last = new Map<number, { name: string; cpu: number; peak: number }>();
  #startedAt = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(private readonly pids: () => { name: string; pid: number }[]) {}

  start(): void {
    this.#startedAt = performance.now();
    this.#sample(true);
    this.#timer = setInterval(() => this.#sample(false), 500);
  }

  #sample(first: boolean): void {
    for (const { name, pid } of [...this.pids(), { name: 'bench', pid: process.pid }]) {
      const cpu = cpuSecondsOf(pid);
      const peak = peakRssMbOf(pid);
      if (cpu === undefined || peak === undefined) continue;
      if (!this.#cpuAtStart.has(pid)) this.#cpuAtStart.set(pid, first ? cpu : 0);
      this.#last.set(pid, { name, cpu, peak });
    }
  }

  finish(): ProcessFigures[] {
    this.#sample(false);
    clearInterval(this.#timer);
    const seconds = (performance.now() - this.#startedAt) / 1000;
    return [...this.#last].map(([pid, { name, cpu, peak }]) => {
      const used = cpu - (this.#cpuAtStart.get(pid) ?? 0);
      return {
        name,
        pid,
        peakRssMb: peak,
        cpuSeconds: Math.round(used * 100) / 100,
        cpuPercent: Math.round((used / Math.max(seconds, 0.001)) * 1000) / 10,
      };
    });
  }
}
