import { readFileSync } from 'node:fs';
import { pressureBetween, readStalls, type LoadPressure } from './pressure.js';

export interface ProcessFigures {
  name: string;
  pid: number;
  /** Peak resident set (VmHWM), MB. */
  peakRssMb: number;
  /** CPU seconds (user + system) used during the measured window. */
  cpuSeconds: number;
  /** Average share of one core over the window, %. */
  cpuPercent: number;
  /** CPU seconds during the load phase alone (start() to markLoadEnd()), without the drain. */
  loadCpuSeconds: number;
  /** Share of one core during the load phase, %: near 100 means this process set the pace. */
  loadCpuPercent: number;
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
  readonly #cpuAtLoadEnd = new Map<number, number>();
  #startedAt = 0;
  #loadSeconds = 0;
  #stallsAtStart = readStalls();
  #pressure: LoadPressure | null = null;
  #timer: NodeJS.Timeout | undefined;

  constructor(private readonly pids: () => { name: string; pid: number }[]) {}

  start(): void {
    this.#startedAt = performance.now();
    this.#stallsAtStart = readStalls();
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

  /** The load phase ended: what each process used so far is its load-phase CPU. */
  markLoadEnd(): void {
    this.#loadSeconds = (performance.now() - this.#startedAt) / 1000;
    this.#pressure = pressureBetween(this.#stallsAtStart, readStalls());
    this.#sample(false);
    for (const [pid, { cpu }] of this.#last) this.#cpuAtLoadEnd.set(pid, cpu);
  }

  /** The machine's CPU and IO pressure during the load phase (null without PSI). */
  get loadPressure(): LoadPressure | null {
    return this.#pressure;
  }

  finish(): ProcessFigures[] {
    this.#sample(false);
    clearInterval(this.#timer);
    const seconds = (performance.now() - this.#startedAt) / 1000;
    return [...this.#last].map(([pid, { name, cpu, peak }]) => {
      const atStart = this.#cpuAtStart.get(pid) ?? 0;
      const used = cpu - atStart;
      // A process that started after the load (a chaos restart) used no load-phase CPU.
      const loadUsed = (this.#cpuAtLoadEnd.get(pid) ?? atStart) - atStart;
      return {
        name,
        pid,
        peakRssMb: peak,
        cpuSeconds: Math.round(used * 100) / 100,
        loadCpuSeconds: Math.round(loadUsed * 100) / 100,
        loadCpuPercent: Math.round((loadUsed / Math.max(this.#loadSeconds, 0.001)) * 1000) / 10,
        cpuPercent: Math.round((used / Math.max(seconds, 0.001)) * 1000) / 10,
      };
    });
  }
}

/** CPU seconds per service: instances of one service (command-api-1, command-api-2) summed. */
function secondsPerService(
  processes: ProcessFigures[],
  seconds: (p: ProcessFigures) => number,
): Record<string, number> {
  const perService: Record<string, number> = {};
  for (const p of processes) {
    const service = p.name.replace(/-\d+$/, '');
    perService[service] = (perService[service] ?? 0) + seconds(p);
  }
  return perService;
}

const microsPer = (seconds: number, count: number) =>
  Math.round((seconds * 1e6) / Math.max(count, 1));

/**
 * CPU µs per request of the load phase, per service: instances of one service are summed, so the
 * figure is what the system spends on one request there.
 */
export function cpuMicrosPerRequest(
  processes: ProcessFigures[],
  requests: number,
): Record<string, number> {
  const perService = secondsPerService(processes, (p) => p.loadCpuSeconds);
  return Object.fromEntries(
    Object.entries(perService).map(([service, seconds]) => [service, microsPer(seconds, requests)]),
  );
}

/** The measuring side: the load generator and the screens' processes, not the system under test. */
const MEASURING = new Set(['bench', 'screens']);

/**
 * CPU µs per accepted order over the load and the drain (start() to finish(): startup excluded),
 * per service and `total` over the system under test (the measuring side left out). An accepted
 * order's work (confirm, project, push) mostly lands after its 202, so the drain must count.
 * Null when nothing was accepted (soldout): there is no order to divide by.
 */
export function cpuMicrosPerAccepted(
  processes: ProcessFigures[],
  accepted: number,
): Record<string, number> | null {
  if (accepted === 0) return null;
  const perService = secondsPerService(processes, (p) => p.cpuSeconds);
  const total = Object.entries(perService)
    .filter(([service]) => !MEASURING.has(service))
    .reduce((sum, [, seconds]) => sum + seconds, 0);
  return Object.fromEntries(
    [...Object.entries(perService), ['total', total] as const].map(([service, seconds]) => [
      service,
      microsPer(seconds, accepted),
    ]),
  );
}
