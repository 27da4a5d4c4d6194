// Tests of the stack itself: each starts the servers it checks.
module.exports = require('../../jest.base.cjs')(__dirname, { testTimeout: 60_000 });
