import { accessSync, constants } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/** Where infra/scripts/install-servers.sh puts what it builds. */
export const binDir = () =>
  process.env.SCALEMART_BIN_DIR ?? path.join(homedir(), '.cache', 'scalemart', 'bin');

const executable = (file: string) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** Finds a server binary: ScaleMart's own bin dir first (pinned versions), then PATH. */
export function findBinary(name: string): string | undefined {
  const dirs = [binDir(), ...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean)];
  return dirs.map((dir) => path.join(dir, name)).find(executable);
}

export class MissingServerError extends Error {
  override readonly name = 'MissingServerError';
  constructor(server: string) {
    super(
      `${server} is not installed. Run 'bash infra/scripts/install-servers.sh' (npm start and ` +
        `npm test do), or use servers you already run: SCALEMART_STACK=external with NATS_URL, ` +
        `REDIS_URL and MONGO_URL.`,
    );
  }
}

export function requireBinary(name: string): string {
  const found = findBinary(name);
  if (!found) throw new MissingServerError(name);
  return found;
}
