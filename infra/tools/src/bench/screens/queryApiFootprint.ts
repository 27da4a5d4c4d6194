import { readFileSync } from 'node:fs';

/** Resident set of a process now (VmRSS), KB; 0 once it is gone. */
export function rssKbOf(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** CPU seconds a process used so far, in user space and in the kernel; zeros once it is gone. */
export function cpuOf(pid: number | undefined): { user: number; system: number } {
  if (pid === undefined) return { user: 0, system: 0 };
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 };
  } catch {
    return { user: 0, system: 0 };
  }
}

/** Sockets one query-api holds, from its /metrics (`room="all"`). */
export async function socketsOn(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text
    .split('\n')
    .find((l) => l.startsWith('scalemart_query_connected_sockets{room="all"}'));
  return Number(line?.split(' ').pop() ?? 0);
}

export interface Footprint {
  /** Per instance: its RSS (KB) and the sockets it holds. */
  instances: { name: string; rssKb: number; sockets: number }[];
}

export async function footprint(
  apis: readonly { name: string; pid: number | undefined; url: string }[],
): Promise<Footprint> {
  const instances = await Promise.all(
    apis.map(async (api) => ({
      name: api.name,
      rssKb: rssKbOf(api.pid),
      sockets: await socketsOn(api.url),
    })),
  );
  return { instances };
}

/** KB of query-api RSS per socket: the growth from `before` to `after` over the sockets added. */
export function kbPerSocket(before: Footprint, after: Footprint): number {
  const sum = (f: Footprint, key: 'rssKb' | 'sockets') =>
    f.instances.reduce((total, i) => total + i[key], 0);
  const sockets = sum(after, 'sockets') - sum(before, 'sockets');
  return sockets > 0
    ? Math.round(((sum(after, 'rssKb') - sum(before, 'rssKb')) / sockets) * 10) / 10
    : 0;
}
