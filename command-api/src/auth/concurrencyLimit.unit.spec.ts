import { ConcurrencyLimit } from './concurrencyLimit.js';

const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
};

describe('ConcurrencyLimit', () => {
  it('runs `running` at once, queues `waiting`, and refuses the rest with 503 + Retry-After', async () => {
    const limit = new ConcurrencyLimit(2, 1);
    const release = gate();
    const started: number[] = [];
    const jobs = [0, 1, 2].map((i) =>
      limit.run(async () => {
        started.push(i);
        await release.opened;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(limit.load).toEqual({ running: 2, waiting: 1 });
    await expect(limit.run(() => Promise.resolve(9))).rejects.toMatchObject({
      code: 'unavailable',
      status: 503,
      options: { retryAfterSeconds: 1 },
    });
    release.open();
    expect(await Promise.all(jobs)).toEqual([0, 1, 2]);
    expect(limit.load).toEqual({ running: 0, waiting: 0 });
  });

  it('frees the slot of a job that fails', async () => {
    const limit = new ConcurrencyLimit(1, 0);
    await expect(limit.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limit.run(() => Promise.resolve('next'))).toBe('next');
  });
});
