import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('binds the health and metrics server to this machine unless told (issue 25)', () => {
    expect(loadConfig({})).toMatchObject({ HOST: '127.0.0.1', PORT: 3003 });
    expect(loadConfig({ HOST: '0.0.0.0', METRICS_TOKEN: 'a-metrics-token-of-ours' })).toMatchObject(
      { HOST: '0.0.0.0', METRICS_TOKEN: 'a-metrics-token-of-ours' },
    );
  });

  it('needs no token secret: processors neither sign nor verify tokens', () => {
    expect(loadConfig({ NODE_ENV: 'production' })).not.toHaveProperty('JWT_SECRET');
  });

  it('refuses a short METRICS_TOKEN', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(
      /METRICS_TOKEN: must be at least 16/,
    );
  });
});
