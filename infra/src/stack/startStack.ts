import { dockerAvailable, startContainerStack } from './containers.js';
import { externalStack } from './external.js';
import { LocalStack } from './local.js';
import type { LocalStackOptions, Stack, StackKind } from './types.js';

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

/** Starts the servers with the chosen backend; one interface whichever it is. */
export async function startStack(
  options: LocalStackOptions & { kind?: StackKind } = {},
): Promise<Stack> {
  const kind = options.kind ?? (await chooseStackKind());
  if (kind === 'external') return externalStack();
  if (kind === 'containers') return startContainerStack();
  return LocalStack.start(options);
}
