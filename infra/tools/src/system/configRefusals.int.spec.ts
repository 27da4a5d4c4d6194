import { spawn } from 'node:child_process';
import { mintJwtSecret } from '@scalemart/runtime/service';
import { builtEntry, type ServiceKind } from './services.js';

// Issue 25: a service must not start on a configuration that lets anyone mint tokens, and a bad
// configuration is one clear line and a non-zero exit, never a stack trace.
const PUBLISHED_SECRET = 'scalemart-development-secret-change-me-0123456789';

/** Runs a service's built entry with exactly `env` (and PATH); resolves once it exits. */
function run(kind: ServiceKind, env: Record<string, string>) {
  return new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [builtEntry(kind)], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

const expectOneLineRefusal = (
  answer: { code: number | null; stderr: string },
  kind: ServiceKind,
  about: RegExp,
) => {
  expect(answer.code).toBe(78);
  const lines = answer.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^${kind}: invalid configuration: `));
  expect(lines[0]).toMatch(about);
  expect(answer.stderr).not.toMatch(/\n\s+at /); // no stack trace
};

describe('services refuse a bad configuration in one line', () => {
  it.each(['command-api', 'query-api'] as const)(
    '%s refuses to start without JWT_SECRET when NODE_ENV is not set',
    async (kind) => {
      expectOneLineRefusal(await run(kind, {}), kind, /JWT_SECRET: is required unless NODE_ENV/);
    },
  );

  it.each(['command-api', 'query-api'] as const)(
    '%s refuses the secret that was published, even in development',
    async (kind) => {
      const answer = await run(kind, { NODE_ENV: 'development', JWT_SECRET: PUBLISHED_SECRET });
      expectOneLineRefusal(answer, kind, /JWT_SECRET: is a secret published/);
    },
  );

  it('command-api refuses a bcrypt cost below 10 in production', async () => {
    const answer = await run('command-api', {
      NODE_ENV: 'production',
      JWT_SECRET: mintJwtSecret(),
      BCRYPT_COST: '4',
    });
    expectOneLineRefusal(answer, 'command-api', /BCRYPT_COST: must be at least 10 in production/);
  });

  it('processors print their bad configuration in one line too', async () => {
    const answer = await run('processors', { PAYMENT_FAILURE_RATE: '2' });
    expectOneLineRefusal(answer, 'processors', /PAYMENT_FAILURE_RATE/);
  });
});
