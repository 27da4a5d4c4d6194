import { AuthResponse } from '@scalemart/contracts';
import { LocalStack } from '@scalemart/testkit';
import { request } from '../testing/httpClient.js';
import { problemCode } from '../testing/responseBodies.js';
import { startHarness } from '../testing/harness.js';

describe('an acknowledged sign-up', () => {
  it('survives kill -9 of Redis right after the 201 (AOF always, as npm start runs it)', async () => {
    await using stack = await LocalStack.start({ redisAppendFsync: 'always' });
    const h = await startHarness({
      stack: {
        kind: stack.kind,
        urls: stack.urls,
        natsMonitorUrl: stack.natsMonitorUrl,
        processes: [...stack.processes],
      },
    });
    try {
      const account = { email: 'durable@example.com', password: 'kept after a crash' };
      const signup = await request({ port: h.port, path: '/api/auth/signup', body: account });
      expect(signup.status).toBe(201);
      await stack.crash('redis');
      await stack.restart('redis');

      // ioredis reconnects by itself and retries the commands meanwhile.
      const login = await request({ port: h.port, path: '/api/auth/login', body: account });
      expect(login.status).toBe(200);
      expect(AuthResponse.parse(login.body).user.id).toBe(AuthResponse.parse(signup.body).user.id);
      const again = await request({ port: h.port, path: '/api/auth/signup', body: account });
      expect([again.status, problemCode(again)]).toEqual([409, 'email_taken']);
    } finally {
      await h.close();
    }
  }, 90_000);
});
