import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { mintJwtSecret } from '@scalemart/runtime/service';

/** What `npm start` keeps per installation, in `.scalemart/secrets.json` (owner only). */
export const InstallationSecrets = z.object({
  jwtSecret: z.string().min(32),
  adminPassword: z.string().min(8),
  createdAt: z.string(),
});
export type InstallationSecrets = z.infer<typeof InstallationSecrets>;

export const SECRETS_FILE = 'secrets.json';

/**
 * The installation's token secret and demo-admin password: made once, at the first `npm start`,
 * and read back afterwards, so tokens survive a restart and no two installations share a secret
 * (issue 25: the one in the repository let anyone mint an admin). `created` says whether they
 * were made now (the only time the password is printed). The directory is 0700 and the file
 * 0600: only the installation's owner reads them.
 */
export function installationSecrets(dir: string): {
  secrets: InstallationSecrets;
  file: string;
  created: boolean;
} {
  const file = path.join(dir, SECRETS_FILE);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700); // mkdir's mode does not apply to a directory that already exists
  const existing = readIfThere(file);
  if (existing) {
    chmodSync(file, 0o600);
    return { secrets: InstallationSecrets.parse(JSON.parse(existing)), file, created: false };
  }
  const secrets: InstallationSecrets = {
    jwtSecret: mintJwtSecret(),
    adminPassword: randomBytes(12).toString('base64url'),
    createdAt: new Date().toISOString(),
  };
  // `wx`: two starts at once cannot both write; the loser fails instead of overwriting.
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return { secrets, file, created: true };
}

function readIfThere(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
