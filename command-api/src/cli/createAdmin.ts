import { parseArgs } from 'node:util';
import { configOrExit, createRedis } from '@scalemart/runtime/service';
import { AccountStore } from '../auth/accountStore.js';
import { ensureAdmin } from '../auth/ensureAdmin.js';
import { Passwords } from '../auth/passwords.js';
import { loadConfig } from '../config.js';

/**
 * node dist/cli/createAdmin.js --email a@b.co [--promote]   (password from ADMIN_PASSWORD or --password)
 * Creates an admin account, idempotently. Reads REDIS_URL / REDIS_KEY_PREFIX / BCRYPT_COST like the API.
 * node:util parseArgs rather than commander: one flag set does not need a dependency.
 */
const { values: options } = parseArgs({
  options: {
    email: { type: 'string', default: process.env.ADMIN_EMAIL },
    password: { type: 'string' },
    promote: { type: 'boolean', default: false },
  },
});
if (!options.email) {
  console.error('create-admin: give --email (or ADMIN_EMAIL)');
  process.exit(2);
}
const password = options.password ?? process.env.ADMIN_PASSWORD;
if (!password) {
  console.error('create-admin: give a password with ADMIN_PASSWORD (or --password)');
  process.exit(2);
}
const config = configOrExit('create-admin', () => loadConfig());
const redis = createRedis(config.REDIS_URL, config.REDIS_KEY_PREFIX);
try {
  const outcome = await ensureAdmin(
    { accounts: new AccountStore(redis), passwords: new Passwords(config.BCRYPT_COST) },
    { email: options.email, password, promote: options.promote ?? false },
  );
  const said = {
    created: 'admin created',
    exists: 'an admin with this email already exists; nothing changed',
    promoted: 'the existing account is now an admin',
    refused:
      'a shopper account with this email exists; run again with --promote to make it an admin',
  }[outcome];
  console.log(`create-admin: ${said}`);
  process.exitCode = outcome === 'refused' ? 1 : 0;
} finally {
  await redis.quit();
}
