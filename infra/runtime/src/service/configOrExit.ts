import { ConfigError } from './serviceEnv.js';

/**
 * A service's configuration, or one clear line on stderr and exit code 78 (EX_CONFIG): a bad
 * environment is the operator's to fix, and a stack trace would only bury the line that says how.
 */
export function configOrExit<T>(service: string, load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${service}: ${error.message}\n`);
    process.exit(78);
  }
}
