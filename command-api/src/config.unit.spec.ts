import { ConfigError } from '@scalemart/runtime/service';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    // NODE_ENV test: without it (production) a JWT_SECRET is required (issue 25).
    expect(loadConfig({ NODE_ENV: 'test' })).toMatchObject({
      PORT: 3001,
      BCRYPT_COST: 12,
      PURCHASE_RATE_LIMIT: 10,
      SOLD_OUT_CACHE_MS: 1000,
      JWT_TTL_SECONDS: 3600,
      LOGIN_FAILURES_PER_ACCOUNT: 10,
      LOGIN_LOCKOUT_SECONDS: 60,
      LOGIN_LOCKOUT_MAX_SECONDS: 900,
      LOGIN_FAILURES_PER_ADDRESS: 300,
      SIGNUPS_PER_ADDRESS: 100,
    });
  });

  it('refuses a login limit below one', () => {
    expect(() => loadConfig({ LOGIN_FAILURES_PER_ACCOUNT: '0' })).toThrow(
      /LOGIN_FAILURES_PER_ACCOUNT/,
    );
  });

  it('refuses to start in production with the default secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'a'.repeat(40) }).NODE_ENV).toBe(
      'production',
    );
  });

  it('lists every bad value at once', () => {
    expect(() => loadConfig({ PORT: 'http', BCRYPT_COST: '40' })).toThrow(
      /PORT[\s\S]*BCRYPT_COST|BCRYPT_COST[\s\S]*PORT/,
    );
  });

  it('refuses an unusable first admin at once, not at the first login', () => {
    expect(() => loadConfig({ ADMIN_EMAIL: 'root', ADMIN_PASSWORD: 'short' })).toThrow(
      /ADMIN_EMAIL[\s\S]*ADMIN_PASSWORD/,
    );
  });

  it('refuses a cheap bcrypt cost in production, and when NODE_ENV is not set (issue 25)', () => {
    const JWT_SECRET = 'c'.repeat(40);
    for (const env of [{ NODE_ENV: 'production' }, {}]) {
      expect(() => loadConfig({ ...env, JWT_SECRET, BCRYPT_COST: '9' })).toThrow(
        /BCRYPT_COST: must be at least 10 in production/,
      );
    }
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET, BCRYPT_COST: '10' }).BCRYPT_COST).toBe(
      10,
    );
    expect(loadConfig({ NODE_ENV: 'test', BCRYPT_COST: '4' }).BCRYPT_COST).toBe(4);
  });

  it('refuses to start without JWT_SECRET unless NODE_ENV is development or test', () => {
    expect(() => loadConfig({})).toThrow(/JWT_SECRET: is required unless NODE_ENV/);
    expect(loadConfig({ NODE_ENV: 'development' }).JWT_SECRET).toHaveLength(43);
  });
});
