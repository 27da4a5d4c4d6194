// Integration tests share one real stack per run (the testkit's globalSetup); tests of the stack
// itself start their own. examples/ holds a downstream project's suite, run here so CI runs it.
module.exports = require('../jest.base.cjs')(__dirname, {
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/examples/**/*.spec.ts'],
  globalSetup: '<rootDir>/dist/testkit/globalSetup.js',
  globalTeardown: '<rootDir>/dist/testkit/globalTeardown.js',
  testTimeout: 60_000,
});
