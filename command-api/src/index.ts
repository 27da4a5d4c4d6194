/**
 * @scalemart/command-api: accounts, purchases that never oversell, admin commands.
 * Other packages' tests (web e2e, bench) run it in-process with `startCommandApi`.
 */
/** Builds the Express app from its dependencies (no globals): see CommandApiDeps. */
export { createApp, type CommandApi, type CommandApiDeps } from './app.js';
/** Connects everything from a config and listens; returns { port, close() }. */
export { startCommandApi, type RunningCommandApi } from './startCommandApi.js';
/** The environment schema and its parser (`loadConfig({ ...process.env, PORT: '0' })`). */
export { CommandApiEnv, loadConfig, type CommandApiConfig } from './config.js';
/** Creates the first admin idempotently (used at startup and by the CLI). */
export { ensureAdmin, type EnsureAdminOutcome } from './auth/ensureAdmin.js';
/** Accounts in Redis and bcrypt hashing, for tools that create users. */
export { AccountStore, accountKeys, type Account } from './auth/accountStore.js';
export { Passwords } from './auth/passwords.js';
/** The test-only fault hook's type: replaces publishFromOutbox. */
export type { PublishFn } from './orders/publisher.js';
