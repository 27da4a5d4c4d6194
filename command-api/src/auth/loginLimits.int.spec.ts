import bcrypt from 'bcrypt';
import { request, type TestResponse } from '../testing/httpClient.js';
import { authOf, problemCode, problemOf } from '../testing/responseBodies.js';
import { startHarness, type Harness } from '../testing/harness.js';
import { DEVICE_COOKIE } from './deviceCookies.js';

// Issue 25: login limits that slow guessing where it happens and never keep the owner out.
const PASSWORD = 'the right one';

interface Client {
  address: string;
  /** The device cookie the browser holds, as a Cookie header. */
  cookie?: string;
}

const loginAs =
  (h: Harness) =>
  async (client: Client, email: string, password: string): Promise<TestResponse> => {
    const res = await request({
      port: h.port,
      path: '/api/auth/login',
      body: { email, password },
      headers: {
        'x-forwarded-for': client.address,
        ...(client.cookie ? { cookie: client.cookie } : {}),
      },
    });
    const setCookie = res.headers['set-cookie']?.find((c) => c.startsWith(`${DEVICE_COOKIE}=`));
    if (setCookie) client.cookie = setCookie.split(';', 1)[0];
    return res;
  };

async function seedAccount(h: Harness, email: string, cost = 4): Promise<string> {
  await h.accounts.create({
    email,
    role: 'shopper',
    passwordHash: await bcrypt.hash(PASSWORD, cost),
  });
  return email;
}

const statusAndCode = (res: TestResponse) => [res.status, problemCode(res)];

describe('login limits with the default settings', () => {
  let h: Harness;
  let login: ReturnType<typeof loginAs>;
  beforeAll(async () => {
    h = await startHarness();
    login = loginAs(h);
  });
  afterAll(() => h.close());

  it("lets the owner in from a known address after a stranger's 30 failures; the stranger meets 429", async () => {
    const email = await seedAccount(h, 'owner-a@example.com');
    const home: Client = { address: '198.51.100.70' };
    expect((await login(home, email, PASSWORD)).status).toBe(200);
    const stranger: Client = { address: '203.0.113.10' };
    const answers: TestResponse[] = [];
    for (let i = 0; i < 30; i += 1) answers.push(await login(stranger, email, `guess ${i}`));
    expect(answers.slice(0, 10).map((res) => res.status)).toEqual(Array<number>(10).fill(401));
    // The guessing address is slowed: 429 with Retry-After (the first lockout, 60 s).
    for (const refused of answers.slice(10)) {
      expect(statusAndCode(refused)).toEqual([429, 'rate_limited']);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(problemOf(refused).retryAfterSeconds).toBe(Number(refused.headers['retry-after']));
    }
    // The owner's address was never the stranger's: no lockout there, nor from the owner's device.
    expect((await login({ address: home.address }, email, PASSWORD)).status).toBe(200);
    expect(
      (await login({ address: '192.0.2.77', cookie: home.cookie! }, email, PASSWORD)).status,
    ).toBe(200);
  });

  it('gives a device cookie that is HttpOnly, SameSite=Strict, for /api/auth only', async () => {
    const email = await seedAccount(h, 'cookie@example.com');
    const res = await login({ address: '198.51.100.71' }, email, PASSWORD);
    const cookie = res.headers['set-cookie']!.find((c) => c.startsWith(`${DEVICE_COOKIE}=`))!;
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\/api\/auth/);
    expect(cookie).toMatch(/; Max-Age=\d+/);
  });

  it('meets a login flood with 429: at most 30 successful logins per account per 15 minutes', async () => {
    const email = await seedAccount(h, 'flood@example.com');
    const client: Client = { address: '198.51.100.72' };
    const statuses: number[] = [];
    for (let i = 0; i < 31; i += 1) statuses.push((await login(client, email, PASSWORD)).status);
    expect(statuses.slice(0, 30)).toEqual(Array<number>(30).fill(200));
    const refused = await login(client, email, PASSWORD);
    expect(statusAndCode(refused)).toEqual([429, 'rate_limited']);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(statuses[30]).toBe(429);
  });

  it("lets the owner's device in from an address a sprayer exhausted", async () => {
    const owner = await seedAccount(h, 'behind-nat@example.com');
    const nat = '198.51.100.73';
    const device: Client = { address: nat };
    expect((await login(device, owner, PASSWORD)).status).toBe(200);
    // The sprayer, behind the same address, over many accounts.
    const sprayed = Array.from({ length: 300 }, (_, i) => `sprayed-${i}@example.com`);
    for (const email of sprayed) await login({ address: nat }, email, 'Summer2026!');
    expect((await login({ address: nat }, sprayed[0]!, 'Summer2026!')).status).toBe(429);
    expect((await login({ address: nat }, owner, PASSWORD)).status).toBe(429);
    expect((await login(device, owner, PASSWORD)).status).toBe(200);
  });

  it('ignores a device cookie it did not sign', async () => {
    const email = await seedAccount(h, 'forged-cookie@example.com');
    const owner: Client = { address: '198.51.100.74' };
    expect((await login(owner, email, PASSWORD)).status).toBe(200);
    const [id] = owner.cookie!.split('=')[1]!.split('.');
    const forged: Client = {
      address: '203.0.113.11',
      cookie: `${DEVICE_COOKIE}=${id}.${'A'.repeat(43)}`,
    };
    for (let i = 0; i < 10; i += 1) await login(forged, email, `guess ${i}`);
    // Counted as the address it came from, which is now locked, not as the owner's device.
    expect((await login(forged, email, PASSWORD)).status).toBe(429);
    expect((await login(owner, email, PASSWORD)).status).toBe(200);
  });
});

describe('a guesser with many addresses is slowed, account-wide, except for the owner', () => {
  let h: Harness;
  let login: ReturnType<typeof loginAs>;
  beforeAll(async () => {
    h = await startHarness({ env: { LOGIN_SLOWDOWN_AFTER: '20', LOGIN_SLOWDOWN_SECONDS: '30' } });
    login = loginAs(h);
  });
  afterAll(() => h.close());

  it('slows unknown clients to one attempt per interval; known ones go straight in', async () => {
    const email = await seedAccount(h, 'targeted@example.com');
    const home: Client = { address: '198.51.100.80' };
    const phone: Client = { address: '198.51.100.81' };
    expect((await login(home, email, PASSWORD)).status).toBe(200);
    expect((await login(phone, email, PASSWORD)).status).toBe(200);
    // 20 addresses, one failure each: under every per-client limit.
    for (let i = 0; i < 20; i += 1) {
      expect((await login({ address: `203.0.113.${100 + i}` }, email, 'guess')).status).toBe(401);
    }
    // One more unknown client goes through (and fails); the next waits its turn.
    expect((await login({ address: '203.0.113.150' }, email, 'guess')).status).toBe(401);
    const slowed = await login({ address: '203.0.113.151' }, email, PASSWORD);
    expect(statusAndCode(slowed)).toEqual([429, 'rate_limited']);
    const retryAfter = Number(slowed.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(30);
    // The owner's address, and the owner's device from a new address, are never slowed.
    expect((await login({ address: home.address }, email, PASSWORD)).status).toBe(200);
    const travelling = await login(
      { address: '192.0.2.90', cookie: phone.cookie! },
      email,
      PASSWORD,
    );
    expect(authOf(travelling).user.email).toBe(email);
  });
});

describe('bcrypt work is bounded', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { BCRYPT_CONCURRENCY: '1', BCRYPT_QUEUE: '1' } });
  });
  afterAll(() => h.close());

  it('answers 503 with Retry-After when every slot and place in line is taken', async () => {
    // Cost 12: each comparison takes long enough for the others to arrive while it runs.
    const email = await seedAccount(h, 'busy@example.com', 12);
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        request({
          port: h.port,
          path: '/api/auth/login',
          body: { email, password: PASSWORD },
          headers: { 'x-forwarded-for': `198.51.100.${90 + i}` },
        }),
      ),
    );
    const busy = answers.filter((res) => res.status === 503);
    expect(answers.filter((res) => res.status === 200).length).toBeGreaterThanOrEqual(1);
    expect(busy.length).toBeGreaterThanOrEqual(1);
    for (const res of busy) {
      expect(problemCode(res)).toBe('unavailable');
      expect(res.headers['retry-after']).toBe('1');
    }
  });
});
