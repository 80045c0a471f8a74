// Jest runs the ESM sources through @swc/jest (STACK.md: NestJS 12 is ESM-only);
// type-checking is `npm run typecheck`, not part of the transform.
const swcTransform = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2023',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
    },
    module: { type: 'es6' },
  },
];

const shared = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': swcTransform },
  testEnvironment: 'node',
};

export default {
  // Real servers and child processes on a 2-core machine: generous, never a speed check.
  testTimeout: 30_000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/build.global-setup.ts',
    },
  ],
};
