import { dockerAvailable, startContainerStack } from './containers.js';
import { externalStack } from './external.js';
import { ClusterStack } from './clusterStack.js';
import { LocalStack } from './local.js';
import type { LocalStackOptions, Stack, StackKind, Topology } from './types.js';

export class StackChoiceError extends Error {
  override readonly name = 'StackChoiceError';
}

/** Reads SCALEMART_STACK: local, containers, external, or auto (containers when Docker answers). */
export async function chooseStackKind(env: NodeJS.ProcessEnv = process.env): Promise<StackKind> {
  const wanted = env.SCALEMART_STACK ?? 'auto';
  if (wanted === 'local' || wanted === 'containers' || wanted === 'external') return wanted;
  if (wanted !== 'auto') {
    throw new StackChoiceError(
      `SCALEMART_STACK must be auto, local, containers or external, got "${wanted}"`,
    );
  }
  return (await dockerAvailable()) ? 'containers' : 'local';
}

/** Reads SCALEMART_TOPOLOGY: single (the default) or cluster. */
export function chooseTopology(env: NodeJS.ProcessEnv = process.env): Topology {
  const wanted = env.SCALEMART_TOPOLOGY ?? 'single';
  if (wanted === 'single' || wanted === 'cluster') return wanted;
  throw new StackChoiceError(`SCALEMART_TOPOLOGY must be single or cluster, got "${wanted}"`);
}

/** Starts the servers with the chosen backend; one interface whichever it is. */
export async function startStack(
  options: LocalStackOptions & { kind?: StackKind } = {},
): Promise<Stack> {
  const topology = options.topology ?? chooseTopology();
  const kind = options.kind ?? (await chooseStackKind());
  if (kind === 'external') return externalStack();
  // A spawned cluster runs on this machine's binaries whichever backend was asked for: the
  // Testcontainers backend has no cluster (it would need a container network per node).
  if (topology === 'cluster') return ClusterStack.start(options);
  if (kind === 'containers') return startContainerStack();
  return LocalStack.start(options);
}
