// Integration tests share one real stack per run (the testkit's globalSetup); tests of the stack
// itself start their own.
module.exports = require('../jest.base.cjs')(__dirname, {
  globalSetup: '<rootDir>/dist/testkit/globalSetup.js',
  globalTeardown: '<rootDir>/dist/testkit/globalTeardown.js',
  testTimeout: 60_000,
});
