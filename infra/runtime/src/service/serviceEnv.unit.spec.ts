import { requireJwtSecret, TokenEnv } from './jwtSecret.js';
import { ConfigError, CoreServiceEnv, parseEnv, ServiceEnv } from './serviceEnv.js';

/** What a service that handles tokens parses (command-api and query-api do the same). */
const TokenServiceEnv = ServiceEnv.safeExtend(TokenEnv).superRefine(requireJwtSecret);
const CoreTokenEnv = CoreServiceEnv.safeExtend(TokenEnv).superRefine(requireJwtSecret);

describe('ServiceEnv', () => {
  it('fills the defaults, production unless NODE_ENV says otherwise (issue 25)', () => {
    const env = parseEnv(ServiceEnv, {});
    expect(env).toMatchObject({ NODE_ENV: 'production', SCALEMART_NAMESPACE: '' });
    expect(env.CORS_ORIGINS).toEqual(['http://localhost:8080', 'http://localhost:5173']);
  });

  it('refuses to run in production without a secret of its own', () => {
    expect(() => parseEnv(TokenServiceEnv, { NODE_ENV: 'production' })).toThrow(
      /JWT_SECRET: is required unless NODE_ENV is development or test/,
    );
  });

  it('lists every problem at once, on one line', () => {
    const attempt = () => parseEnv(TokenServiceEnv, { JWT_SECRET: 'short', MONGO_DB: 'a/b' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/JWT_SECRET[\s\S]*MONGO_DB|MONGO_DB[\s\S]*JWT_SECRET/);
    expect(attempt).toThrow(/^invalid configuration: [^\n]+$/);
  });

  it('has a core without MongoDB that keeps the production rule', () => {
    expect(parseEnv(CoreServiceEnv, { MONGO_URL: 'mongodb://x' })).not.toHaveProperty('MONGO_URL');
    expect(() => parseEnv(CoreTokenEnv, { NODE_ENV: 'production' })).toThrow(
      /JWT_SECRET: is required/,
    );
  });
});
