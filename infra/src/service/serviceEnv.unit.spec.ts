import {
  ConfigError,
  CoreServiceEnv,
  DEVELOPMENT_JWT_SECRET,
  parseEnv,
  ServiceEnv,
} from './serviceEnv.js';

describe('ServiceEnv', () => {
  it('fills development defaults', () => {
    const env = parseEnv(ServiceEnv, {});
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      JWT_SECRET: DEVELOPMENT_JWT_SECRET,
      SCALEMART_NAMESPACE: '',
    });
    expect(env.CORS_ORIGINS).toEqual(['http://localhost:8080', 'http://localhost:5173']);
  });

  it('refuses to run in production with the development secret', () => {
    expect(() => parseEnv(ServiceEnv, { NODE_ENV: 'production' })).toThrow(
      /JWT_SECRET must be set/,
    );
  });

  it('lists every problem at once', () => {
    const attempt = () => parseEnv(ServiceEnv, { JWT_SECRET: 'short', MONGO_DB: 'a/b' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/JWT_SECRET[\s\S]*MONGO_DB|MONGO_DB[\s\S]*JWT_SECRET/);
  });

  it('has a core without MongoDB that keeps the production rule', () => {
    expect(parseEnv(CoreServiceEnv, { MONGO_URL: 'mongodb://x' })).not.toHaveProperty('MONGO_URL');
    expect(() => parseEnv(CoreServiceEnv, { NODE_ENV: 'production' })).toThrow(
      /JWT_SECRET must be set/,
    );
  });
});
