import { startHarness, type Harness } from '../testing/harness.js';
import { ensureAdmin } from './ensureAdmin.js';
import { Passwords } from './passwords.js';

describe('ensureAdmin (startup and the create-admin CLI), on the accounts in Redis', () => {
  let h: Harness;
  let deps: Parameters<typeof ensureAdmin>[0];
  beforeAll(async () => {
    h = await startHarness();
    deps = { accounts: h.accounts, passwords: new Passwords(4) };
  });
  afterAll(() => h.close());

  it('creates one admin however many instances start together', async () => {
    const input = { email: 'Boss@Example.com', password: 'boss password' };
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => ensureAdmin(deps, input)));
    expect(outcomes.sort()).toEqual(['created', 'exists', 'exists', 'exists', 'exists']);
    expect((await h.accounts.findByEmail('boss@example.com'))?.role).toBe('admin');
    expect(await h.countAccounts()).toBe(1);
  });

  it('promotes an existing shopper only when asked, keeping the shopper’s password', async () => {
    const shopper = await h.accounts.create({
      email: 'early@example.com',
      role: 'shopper',
      passwordHash: await deps.passwords.hash('shopper password'),
    });
    const input = { email: 'early@example.com', password: 'operator password' };
    expect(await ensureAdmin(deps, input)).toBe('refused');
    expect((await h.accounts.findByEmail('early@example.com'))?.role).toBe('shopper');

    expect(await ensureAdmin(deps, { ...input, promote: true })).toBe('promoted');
    const promoted = await h.accounts.findByEmail('early@example.com');
    expect(promoted).toEqual({ ...shopper, role: 'admin' });
  });
});
