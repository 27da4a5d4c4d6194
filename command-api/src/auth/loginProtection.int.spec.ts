import { AuthResponse } from '@scalemart/contracts';
import { waitFor } from '@scalemart/testkit';
import bcrypt from 'bcrypt';
import { request, type TestResponse } from '../testing/httpClient.js';
import { problemCode, problemOf } from '../testing/responseBodies.js';
import { startHarness, type Harness } from '../testing/harness.js';

const PASSWORD = 'the right one';

/** Logins as if from `address` (the harness trusts the loopback proxy's X-Forwarded-For). */
const loginFrom =
  (h: Harness) =>
  (address: string, email: string, password: string, instance = 0): Promise<TestResponse> =>
    request({
      port: h.apis[instance % h.apis.length]!.port,
      path: '/api/auth/login',
      body: { email, password },
      headers: { 'x-forwarded-for': address },
    });

/** `count` accounts straight into the store, sharing one hash (bcrypt at the tests' cost). */
async function seedAccounts(h: Harness, prefix: string, count: number): Promise<string[]> {
  const passwordHash = await bcrypt.hash(PASSWORD, 4);
  const emails = Array.from({ length: count }, (_, i) => `${prefix}-${i}@example.com`);
  await Promise.all(
    emails.map((email) => h.accounts.create({ email, role: 'shopper', passwordHash })),
  );
  return emails;
}

/** Runs `work` over `items` with at most `width` in flight. */
async function inParallel<T, R>(items: T[], width: number, work: (item: T) => Promise<R>) {
  const results: R[] = [];
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: width }, lane));
  return results;
}

describe('login protection with the default limits (issue 19)', () => {
  let h: Harness;
  let login: ReturnType<typeof loginFrom>;
  beforeAll(async () => {
    h = await startHarness({ instances: 2 });
    login = loginFrom(h);
  });
  afterAll(() => h.close());

  it('lets 500 accounts sign in from one address within a minute, typos included', async () => {
    const emails = await seedAccounts(h, 'crowd', 500);
    const started = Date.now();
    const statuses = await inParallel(emails, 20, async (email) => {
      const index = Number(email.split(/[-@]/)[1]);
      // One shopper in ten mistypes first: a crowd's failures stay under the address ceiling.
      if (index % 10 === 0) {
        expect((await login('198.51.100.20', email, 'a typo', index)).status).toBe(401);
      }
      return (await login('198.51.100.20', email, PASSWORD, index)).status;
    });
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(statuses.filter((status) => status === 200)).toHaveLength(500);
  });

  it('locks one account after 10 failures (429 + Retry-After), not the others from the address', async () => {
    const [victim, neighbour] = await seedAccounts(h, 'locked', 2);
    for (let i = 0; i < 10; i += 1) {
      const wrong = await login('198.51.100.30', victim!, `guess ${i}`, i);
      expect([wrong.status, problemCode(wrong)]).toEqual([401, 'invalid_credentials']);
    }
    const eleventh = await login('198.51.100.30', victim!, 'guess 10');
    expect([eleventh.status, problemCode(eleventh)]).toEqual([429, 'rate_limited']);
    const retryAfter = Number(eleventh.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(59); // the first lockout: 60 s
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(problemOf(eleventh).retryAfterSeconds).toBe(retryAfter);

    // The lock holds on every instance, even for the right password, for the client that guessed,
    // and for that client only: the owner at another address gets in, so strangers cannot lock an
    // owner out.
    expect((await login('198.51.100.30', victim!, PASSWORD, 1)).status).toBe(429);
    expect((await login('203.0.113.99', victim!, PASSWORD, 1)).status).toBe(200);
    const other = await login('198.51.100.30', neighbour!, PASSWORD);
    expect(other.status).toBe(200);
    expect(AuthResponse.parse(other.body).user.email).toBe(neighbour);
  });

  it('locks an unknown email the same way, so a lockout does not reveal an account', async () => {
    const answers: number[] = [];
    for (let i = 0; i < 11; i += 1) {
      answers.push((await login('198.51.100.31', 'nobody@example.com', `guess ${i}`, i)).status);
    }
    expect(answers).toEqual([...Array<number>(10).fill(401), 429]);
  });

  it('stops one address spraying wrong passwords over many accounts', async () => {
    const emails = await seedAccounts(h, 'sprayed', 310);
    // One at a time: the address count is read before the password check and added to after a
    // failure, so parallel guesses can pass it by what is in flight (README, security).
    const statuses: number[] = [];
    for (const email of emails) {
      statuses.push((await login('203.0.113.66', email, 'Summer2026!')).status);
    }
    expect(statuses.filter((status) => status === 401)).toHaveLength(300);
    expect(statuses.filter((status) => status === 429)).toHaveLength(10);

    const refused = await login('203.0.113.66', emails[0]!, PASSWORD);
    expect([refused.status, problemCode(refused)]).toEqual([429, 'rate_limited']);
    expect(refused.headers['ratelimit-policy']).toBe('300;w=900');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Everyone else, and the sprayed accounts themselves, are untouched.
    expect((await login('198.51.100.40', emails[0]!, PASSWORD)).status).toBe(200);
  });

  it('limits sign-ups per address at 100 per 15 minutes', async () => {
    const signup = (i: number) =>
      request({
        port: h.port,
        path: '/api/auth/signup',
        body: { email: `new-${i}@example.com`, password: PASSWORD },
        headers: { 'x-forwarded-for': '198.51.100.50' },
      });
    const statuses = await inParallel(
      [...Array(101).keys()],
      10,
      async (i) => (await signup(i)).status,
    );
    expect(statuses.filter((status) => status === 201)).toHaveLength(100);
    const refused = await signup(101);
    expect([refused.status, problemCode(refused)]).toEqual([429, 'rate_limited']);
    expect(refused.headers['ratelimit-policy']).toBe('100;w=900');
  });
});

describe('the lockout grows, and a success resets it', () => {
  let h: Harness;
  let login: ReturnType<typeof loginFrom>;
  beforeAll(async () => {
    h = await startHarness({ env: { LOGIN_LOCKOUT_SECONDS: '1', LOGIN_LOCKOUT_MAX_SECONDS: '4' } });
    login = loginFrom(h);
  });
  afterAll(() => h.close());

  const wrong = (email: string) => login('198.51.100.60', email, 'wrong password');
  const failUntilLocked = async (email: string, failures: number) => {
    for (let i = 0; i < failures; i += 1) expect((await wrong(email)).status).toBe(401);
    return (await wrong(email)).headers['retry-after'];
  };
  // Attempts during a lock are refused uncounted; the first one after it is counted (and fails).
  const waitOutLock = (email: string) =>
    waitFor(async () => (await wrong(email)).status === 401, { intervalMs: 100, what: 'unlock' });

  it('doubles the lockout with each failure after it, up to the maximum', async () => {
    const [email] = await seedAccounts(h, 'grows', 1);
    expect(await failUntilLocked(email!, 10)).toBe('1');
    const seen: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      await waitOutLock(email!);
      seen.push((await wrong(email!)).headers['retry-after'] as string);
    }
    expect(seen).toEqual(['2', '4', '4']);
  }, 30_000);

  it('forgets the failures after a successful login', async () => {
    const [email] = await seedAccounts(h, 'resets', 1);
    for (let i = 0; i < 9; i += 1) expect((await wrong(email!)).status).toBe(401);
    expect((await login('198.51.100.60', email!, PASSWORD)).status).toBe(200);
    expect(await failUntilLocked(email!, 10)).toBe('1');
  });
});
