import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from './freePort.js';

/** The ports of a local cluster: NATS clients, monitors and routes, and the six Redis nodes. */
export interface ClusterPorts {
  nats: number[];
  monitor: number[];
  route: number[];
  redis: number[];
}

const ports = (count: number) => Promise.all(Array.from({ length: count }, () => freePort()));

/**
 * Free ports for a fresh cluster. With a data dir that survives (npm start) the ports are kept in
 * it and reused: each node's cluster configuration names its peers by port.
 */
export async function clusterPorts(dataDir: string | undefined): Promise<ClusterPorts> {
  const file = dataDir ? path.join(dataDir, 'cluster-ports.json') : undefined;
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as ClusterPorts;
  const [nats, monitor, route, redis] = await Promise.all([ports(3), ports(3), ports(3), ports(6)]);
  const chosen = { nats, monitor, route, redis };
  if (file) writeFileSync(file, JSON.stringify(chosen));
  return chosen;
}
