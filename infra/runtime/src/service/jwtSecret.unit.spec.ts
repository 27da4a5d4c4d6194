import { mintJwtSecret, requireJwtSecret, TokenEnv } from './jwtSecret.js';
import { CoreServiceEnv, parseEnv } from './serviceEnv.js';

const Env = CoreServiceEnv.safeExtend(TokenEnv).superRefine(requireJwtSecret);
/** The secret that was the development default until issue 25: it is in the repository's history. */
const PUBLISHED = 'scalemart-development-secret-change-me-0123456789';

describe('the token secret (issue 25)', () => {
  it('is required unless NODE_ENV is explicitly development or test', () => {
    for (const env of [{}, { NODE_ENV: 'production' }]) {
      expect(() => parseEnv(Env, env)).toThrow(/JWT_SECRET: is required unless NODE_ENV/);
    }
  });

  it('is random per process in development and test, never a published one', () => {
    const dev = parseEnv(Env, { NODE_ENV: 'development' }).JWT_SECRET;
    expect(parseEnv(Env, { NODE_ENV: 'test' }).JWT_SECRET).toBe(dev);
    expect(dev).not.toBe(PUBLISHED);
    expect(dev.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses the published development secret in every NODE_ENV', () => {
    for (const NODE_ENV of ['development', 'test', 'production']) {
      expect(() => parseEnv(Env, { NODE_ENV, JWT_SECRET: PUBLISHED })).toThrow(
        /JWT_SECRET: is a secret published in the ScaleMart repository/,
      );
    }
  });

  it('refuses a short secret and accepts a minted one in production', () => {
    expect(() => parseEnv(Env, { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(31) })).toThrow(
      /JWT_SECRET: must be at least 32 characters/,
    );
    const secret = mintJwtSecret();
    expect(parseEnv(Env, { NODE_ENV: 'production', JWT_SECRET: secret }).JWT_SECRET).toBe(secret);
    expect(mintJwtSecret()).not.toBe(secret);
  });
});
