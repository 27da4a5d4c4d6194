import type { Logger } from 'pino';
import { SignupRequest } from '@scalemart/contracts';
import { parseWith } from '@scalemart/runtime/service';
import type { Passwords } from './passwords.js';
import type { AccountStore } from './accountStore.js';

export type EnsureAdminOutcome = 'created' | 'exists' | 'promoted' | 'refused';

/**
 * Creates the first admin, idempotently. An existing *shopper* account with that email is not
 * promoted unless asked: anyone could have signed up with the admin's address before the
 * operator ran this, and promoting it would hand them the shop with their own password.
 */
export async function ensureAdmin(
  deps: { accounts: AccountStore; passwords: Passwords; logger?: Logger },
  input: { email: string; password: string; promote?: boolean },
): Promise<EnsureAdminOutcome> {
  const { email, password } = parseWith(SignupRequest, {
    email: input.email,
    password: input.password,
  });
  const existing = await deps.accounts.findByEmail(email);
  if (existing?.role === 'admin') return 'exists';
  if (existing) {
    if (!input.promote) {
      deps.logger?.error(
        { email },
        'an account with the admin email exists as a shopper; not promoting it',
      );
      return 'refused';
    }
    await deps.accounts.setRole(email, 'admin');
    return 'promoted';
  }
  try {
    await deps.accounts.create({
      email,
      role: 'admin',
      passwordHash: await deps.passwords.hash(password),
    });
  } catch (error) {
    // Two instances starting together: the other one created it.
    if ((error as { code?: string }).code === 'email_taken') return 'exists';
    throw error;
  }
  return 'created';
}
