// Browser tests against a running portal: `yarn test:e2e`. They start the
// portal themselves (globalSetup) on ports of their own, with a fresh database.
module.exports = {
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.e2e.test.ts'],
  testEnvironment: 'node',
  transform: {
    '\\.ts$': [
      require.resolve('@backstage/cli/config/jestSwcTransform.js'),
      {
        jsc: { parser: { syntax: 'typescript' } },
        module: { type: 'commonjs' },
      },
    ],
  },
  globalSetup: '<rootDir>/portal/globalSetup.js',
  globalTeardown: '<rootDir>/portal/globalTeardown.js',
  testTimeout: 120_000,
};
