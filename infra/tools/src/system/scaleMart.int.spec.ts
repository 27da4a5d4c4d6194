import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { alive, testStack, waitFor } from '@scalemart/testkit';
import { livePids } from './liveChildren.js';
import { ScaleMart } from './scaleMart.js';
import { ServiceStartError } from './serviceProcess.js';

const healthz = (url: string) =>
  fetch(`${url}/healthz`).then(
    (res) => res.status,
    () => 0,
  );

/** The launcher on the run's servers: what it starts, it brings back, and stop leaves nothing. */
describe('ScaleMart', () => {
  it('starts every service and the gateway, kills and restarts one, and stop leaves no process', async () => {
    const system = await ScaleMart.start({
      servers: testStack(),
      env: { LOG_LEVEL: 'warn', BCRYPT_COST: '4' },
    });
    const pids = system.services.map((service) => ({ name: service.name, pid: service.pid! }));
    try {
      expect(pids.map((p) => p.name).sort()).toEqual(['command-api', 'processors', 'query-api']);
      expect(await fetch(`${system.origin}/api/products`).then((res) => res.status)).toBe(200);
      expect(await system.adminToken()).toMatch(/^ey/);

      await system.kill('processors');
      expect(await healthz(system.urls.processors)).toBe(0);
      await system.restart('processors');
      expect(await healthz(system.urls.processors)).toBe(200);
      const restarted = system.service('processors').pid!;
      expect(restarted).not.toBe(pids.find((p) => p.name === 'processors')!.pid);
      pids.push({ name: 'processors (restarted)', pid: restarted });
    } finally {
      await system.stop();
    }
    // The run's servers are shared with the other files: only the services must be gone.
    expect(pids.filter(({ pid }) => alive(pid))).toEqual([]);
    expect(livePids()).toEqual([]);
    expect(await fetch(system.urls.commandApi).catch(() => 'refused')).toBe('refused');
  }, 90_000);

  it('undoes a start that fails: the services already up are stopped too', async () => {
    const failed = ScaleMart.start({
      servers: testStack(),
      env: { LOG_LEVEL: 'warn' },
      // query-api refuses a MongoDB URL that is not one, so it exits while command-api is up.
      serviceEnv: { 'query-api': { MONGO_URL: 'not-a-mongo-url' } },
    });
    await expect(failed).rejects.toBeInstanceOf(ServiceStartError);
    expect(livePids()).toEqual([]);
  }, 60_000);

  it('starts its own servers when given none, and stops them with the rest', async () => {
    const system = await ScaleMart.start({
      kind: 'local',
      gateway: false,
      env: { LOG_LEVEL: 'warn' },
    });
    const pids = system.pids().map((p) => p.pid);
    expect(system.servers.processes.length).toBeGreaterThanOrEqual(3);
    await system.stop();
    expect(pids.filter(alive)).toEqual([]);
  }, 90_000);

  it('leaves nothing behind when its process exits without stop() (a test file that failed)', async () => {
    const tools = new URL('../../dist/index.js', import.meta.url).href;
    const script = `
      import { ScaleMart } from ${JSON.stringify(tools)};
      const system = await ScaleMart.start({ kind: 'local', gateway: false, env: { LOG_LEVEL: 'warn' } });
      console.log(JSON.stringify(system.pids().map((p) => p.pid)));
      process.exit(1);
    `;
    const run = promisify(execFile)(process.execPath, ['--input-type=module', '-e', script]);
    const failed = (await run.then(
      () => undefined,
      (error: unknown) => error,
    )) as { code: number; stdout: string };
    expect(failed.code).toBe(1);
    const pids = JSON.parse(failed.stdout.trim().split('\n').pop()!) as number[];
    expect(pids.length).toBeGreaterThanOrEqual(6);
    // SIGKILL is asynchronous: the kernel may take a moment to reap them.
    await waitFor(() => pids.every((pid) => !alive(pid)), {
      timeoutMs: 5_000,
      what: 'no process left',
    });
  }, 90_000);
});
